package main

// The vocabulary the generator draws from. Names, places and sentences are
// modelled on the seed listing and on real bodies of the field, with the
// non-ASCII letters a European registry really holds (French, German,
// Polish, Greek, Czech, Hungarian, Romanian, Turkish, Nordic).

// regions qualify English names ("Baltic Sea Return Network 12").
var regions = []string{
	"European", "Nordic", "Baltic Sea", "Mediterranean", "Central European",
	"Danube Region", "Adriatic", "Alpine", "Black Sea", "Western Balkans",
	"Iberian", "North Sea", "Eastern Partnership", "Benelux", "Atlantic",
	"Aegean", "Carpathian", "Pan-European", "Transatlantic", "Southern European",
}

// topics are the fields a body works in.
var topics = []string{
	"Return", "Border Control", "Asylum", "Coast Guard", "Document Fraud",
	"Immigration Liaison", "Readmission", "Migrant Smuggling", "Maritime Surveillance",
	"Reception", "Integration", "Risk Analysis", "Identity Management",
	"Resettlement", "Airport Police", "Visa Policy", "Border Security", "Forced Return Monitoring",
	"Trafficking Prevention", "Biometric Systems", "Land Border", "Legal Migration",
}

// networkTypes end the names of networks and forums.
var networkTypes = []string{
	"Network", "Cooperation", "Forum", "Platform", "Conference", "Working Group",
	"Contact Group", "Partnership", "Initiative", "Practitioners Network", "Expert Group",
}

// agencyPatterns build agency names; %[1]s is a region, %[2]s a topic.
var agencyPatterns = []string{
	"%[1]s Agency for %[2]s",
	"%[1]s Office for %[2]s",
	"%[1]s Centre for %[2]s",
	"%[1]s %[2]s Agency",
	"%[1]s Observatory of %[2]s",
	"%[1]s Centre of Excellence for %[2]s",
	"%[1]s %[2]s Support Office",
}

// foreignNames are names in the bodies' own languages. They get no
// acronym: acronyms are ASCII letters so that their ids are plain.
var foreignNames = []string{
	"Réseau européen de coopération en matière de retour",
	"Réseau européen des officiers de liaison",
	"Réseau francophone des autorités chargées de l'asile",
	"Grenzschutz-Kooperation Österreich",
	"Arbeitsgemeinschaft der Ausländerbehörden Süd",
	"Netzwerk für Rückkehrberatung Bayern–Tirol",
	"Sieć Współpracy Straży Granicznej",
	"Forum Służb Migracyjnych Europy Środkowej",
	"Δίκτυο Συνοριακής Συνεργασίας",
	"Φόρουμ Ασύλου Αιγαίου",
	"Síť cizineckých policií střední Evropy",
	"Határrendészeti Együttműködési Fórum",
	"Rețeaua de Cooperare la Frontieră",
	"Red de Cooperación Fronteriza del Mediterráneo",
	"Rede Lusófona de Migrações",
	"Nordiska Gränspolissamarbetet",
	"Pasienio apsaugos tinklas",
	"Mreža graničnih policija Jadrana",
	"Göç İdaresi İşbirliği Ağı",
	"Rete mediterranea delle guardie costiere",
	"Samarbejdsforum for Grænsekontrol Øresund",
}

// smallWords are left out of acronyms.
var smallWords = map[string]bool{
	"of": true, "the": true, "on": true, "for": true, "in": true, "and": true,
	"at": true, "to": true, "de": true, "des": true, "la": true, "der": true,
}

// places appear in descriptions.
var places = []string{
	"Warsaw", "Kraków", "Łódź", "Piraeus", "Thessaloníki", "Malmö", "København",
	"Cluj-Napoca", "A Coruña", "Vienna", "Brussels", "Valletta", "Tallinn",
	"Vilnius", "Riga", "Zagreb", "Ljubljana", "Bratislava", "Brno", "Debrecen",
	"Lisboa", "Sevilla", "Nicosia", "Heraklion", "Tartu", "Gdańsk", "Szczecin",
	"Strasbourg", "Luxembourg", "The Hague", "Helsinki", "Göteborg", "Bucureşti",
}

// seats are places with their countries, for the seat field.
var seats = []string{
	"Warszawa, Poland", "Kraków, Poland", "Piraeus, Greece", "Thessaloníki, Greece",
	"Malmö, Sweden", "København, Denmark", "Cluj-Napoca, Romania", "A Coruña, Spain",
	"Vienna, Austria", "Brussels, Belgium", "Valletta, Malta", "Tallinn, Estonia",
	"Vilnius, Lithuania", "Riga, Latvia", "Zagreb, Croatia", "Ljubljana, Slovenia",
	"Bratislava, Slovakia", "Brno, Czechia", "Debrecen, Hungary", "Lisboa, Portugal",
	"Nicosia, Cyprus", "Gdańsk, Poland", "Strasbourg, France", "Luxembourg, Luxembourg",
	"The Hague, the Netherlands", "Helsinki, Finland", "Göteborg, Sweden", "Bucureşti, Romania",
}

// countries appear in descriptions.
var countries = []string{
	"Austria", "Belgium", "Bulgaria", "Croatia", "Cyprus", "Czechia", "Denmark",
	"Estonia", "Finland", "France", "Germany", "Greece", "Hungary", "Ireland",
	"Italy", "Latvia", "Lithuania", "Luxembourg", "Malta", "the Netherlands",
	"Poland", "Portugal", "Romania", "Slovakia", "Slovenia", "Spain", "Sweden",
	"Norway", "Switzerland", "Iceland", "Liechtenstein", "Türkiye", "Moldova",
	"Albania", "North Macedonia", "Serbia", "Montenegro", "Ukraine", "Georgia",
}

// participants say who takes part.
var participants = []string{
	"police, border guards, coast guards and customs authorities",
	"immigration services and asylum authorities",
	"legal practitioners, lawyers and legal counsellors",
	"return officers and escort leaders",
	"document experts of national border police forces",
	"liaison officers posted in third countries",
	"ministries of the interior and their agencies",
	"reception authorities and non-governmental organisations",
	"maritime authorities, navies and search and rescue services",
}

// openers start a description; %[1]s is the subject ("The network" or the
// acronym), %[2]s the participants, %[3]d a count.
var openers = []string{
	"%[1]s is a partnership between %[3]d European %[2]s.",
	"%[1]s is a permanent regional concept that enables the synchronisation of national measures of the Member States and their integration into joint European activities.",
	"%[1]s is an informal network to facilitate practical cooperation between %[2]s in Europe.",
	"%[1]s is a forum of %[2]s who aim to promote the highest human rights standards in their daily work.",
	"%[1]s is a flexible regional tool for daily inter-agency interaction between %[2]s.",
	"%[1]s brings together %[3]d %[2]s to exchange information and good practice.",
	"%[1]s promotes, coordinates and develops cooperation between %[2]s in line with the fundamental rights charter.",
}

// body sentences follow the opener; %[1]s is a topic (lower case), %[2]s a
// place, %[3]s and %[4]s countries, %[5]d a count, %[6]d a year, %[7]d a
// small count.
var bodySentences = []string{
	"It is based on Member States´ existing activities and on strengthening of cooperation and coordination at national and European levels.",
	"The network aims to develop and share best practices in the field of %[1]s, from the moment of identification to the actual outcome of each procedure.",
	"Its secretariat rotates between member authorities every %[7]d years, and plenary meetings take place in %[2]s.",
	"It provides the framework for sharing knowledge and producing analytical and strategic reports on the current state of play of %[1]s.",
	"Cooperation partners include the competent authorities of %[3]s and %[4]s, among others.",
	"Some %[5]d practitioners take part in its work across most European states.",
	"It acts as a centre of expertise on %[1]s and supports authorities whose systems are under particular pressure.",
	"The cooperation was set up in %[6]d to reinforce and streamline the exchange of information between national authorities.",
	"Working groups meet twice a year, usually in %[2]s, and report to the annual conference of directors.",
	"Its members´ joint activities cover training, the exchange of liaison officers and common operations with partners in %[3]s.",
	"Individual descriptions of its activities are derived from its own self-presentation and from official documents.",
	"It maintains a secure platform through which participants exchange statistics and alerts on %[1]s.",
}

// foreignDescriptions are descriptions in other languages for records only
// in the workbook, with their language tags.
var foreignDescriptions = []struct{ lang, text string }{
	{"de", "Die Kooperation wurde gegründet, um den Austausch zwischen den Grenzschutzbehörden der Nachbarstaaten zu verbessern. Sie stellte ihre Tätigkeit ein, als ihre Aufgaben von einer europäischen Agentur übernommen wurden; die Unterlagen werden im Archiv des Innenministeriums aufbewahrt."},
	{"fr", "Le réseau réunissait les officiers de liaison « immigration » des États membres afin d'échanger des informations opérationnelles. Ses travaux ont été repris par une structure européenne permanente, et ses archives sont conservées à Bruxelles."},
	{"pl", "Sieć zrzeszała funkcjonariuszy straży granicznej z państw regionu Morza Bałtyckiego. Jej zadania przejęła później stała struktura współpracy, a dokumentacja znajduje się w archiwum w Gdańsku."},
	{"el", "Το δίκτυο συγκέντρωνε τις αρχές ασύλου των κρατών του Αιγαίου για την ανταλλαγή πληροφοριών και καλών πρακτικών. Οι αρμοδιότητές του μεταφέρθηκαν αργότερα σε ευρωπαϊκό οργανισμό."},
}

// webDomains end synthetic website addresses.
var webDomains = []string{".eu", ".europa.eu", ".org", ".int", ".net"}

// sourcePages are realistic source addresses; some carry query strings,
// colons and fragments, which the RDF writers must keep intact.
var sourcePages = []string{
	"https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32019R1896",
	"https://eur-lex.europa.eu/eli/reg/2021/2303/oj",
	"https://www.consilium.europa.eu/en/documents-publications/",
	"https://home-affairs.ec.europa.eu/networks_en",
	"https://op.europa.eu/en/web/eu-vocabularies/corporate-bodies#section-2",
	"https://www.europarl.europa.eu/thinktank/en/document/EPRS_BRI(2018)614720",
	"https://data.europa.eu/data/datasets?query=border&locale=en",
}
