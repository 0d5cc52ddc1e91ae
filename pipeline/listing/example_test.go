package listing_test

import (
	"fmt"
	"strings"

	"github.com/bordernet/bordernet/pipeline/listing"
)

func ExampleRead() {
	const text = "Networks in the field\r\n\r\nAn intro that is not an entry.\r\n\r\n" +
		"EU-focused Networks:\r\n\r\n" +
		"European Patrols Network\r\n\r\nThe EPN is a permanent regional border security concept.\r\n\r\n" +
		"Immigration Liaison Officers\u00b4 (ILO) Network\r\n\r\n" +
		"Actors & Agencies\r\n\r\n" +
		"European Agency for the Management of Operational Cooperation (Frontex)\r\n\r\nFrontex promotes European border management.\r\n\r\n" +
		"eu-LISA, the European Agency for Large-Scale IT Systems, is called to support the Member States (MS).\r\n\r\n" +
		"Feedback is welcome!"
	recs, problems, err := listing.Read(strings.NewReader(text), "listing.txt")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range recs {
		fmt.Printf("%s: %s %q (%s) %s/%s [%s]\n", r.Origin, r.ID, r.Name, r.Acronym, r.Kind, r.Scope, r.Section)
	}
	fmt.Println(len(problems), "problems")
	// Output:
	// listing.txt:7: epn "European Patrols Network" (EPN) network/eu-focused [EU-focused Networks]
	// listing.txt:11: ilo "Immigration Liaison Officers' Network" (ILO) network/eu-focused [EU-focused Networks]
	// listing.txt:15: frontex "European Agency for the Management of Operational Cooperation" (Frontex) agency/eu-focused [Actors & Agencies]
	// listing.txt:19: eu-lisa "European Agency for Large-Scale IT Systems" (eu-LISA) agency/eu-focused [Actors & Agencies]
	// 0 problems
}

func ExampleSlug() {
	for _, s := range []string{"eu-LISA", "Eurint Network", "Söderköping Process", "General Directors' Conference"} {
		fmt.Println(listing.Slug(s))
	}
	// Output:
	// eu-lisa
	// eurint-network
	// soderkoping-process
	// general-directors-conference
}

func ExampleParseError() {
	_, _, err := listing.Read(strings.NewReader("Title\n\nLatin-1 caf\xe9\n"), "listing.txt")
	fmt.Println(err)
	// Output:
	// listing.txt:3:12: invalid UTF-8: save the listing as UTF-8 text
}
