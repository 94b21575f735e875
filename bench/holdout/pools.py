"""Invented people, employers, places and jobs for the held-out cases (all synthetic).

NOC 2021 unit groups and titles were checked against /work/shared/reference/noc2021_structure.json
(Statistics Canada, NOC 2021 V1.0); job titles are chosen to sit inside the unit group they are filed
under. Country data are plain facts (ISO 3166 codes, passport MRZ codes).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-2
    mrz: str  # issuing-state code as printed in a passport MRZ
    names: tuple[str, ...]  # English spellings accepted as the same country
    fr: str  # French name
    nationality: str  # as printed on the passport data page
    passport: str  # pattern: A = letter, 9 = digit, other characters literal
    people: tuple[tuple[str, str], ...]  # (given names, family name)


COUNTRIES: dict[str, Country] = {c.code: c for c in (
    Country("IN", "IND", ("India", "INDIA", "Republic of India"), "Inde", "INDIAN", "A9999999",
            (("Priya", "Sharma"), ("Arjun", "Mehta"), ("Kavya", "Iyer"), ("Rohan Vikram", "Deshpande"), ("Ananya", "Reddy"))),
    Country("PH", "PHL", ("Philippines", "Republic of the Philippines"), "Philippines", "FILIPINO", "P9999999A",
            (("Maria Clara", "Santos"), ("Joselito", "Reyes"), ("Kristine Joy", "Dela Cruz"))),
    Country("MX", "MEX", ("Mexico", "México", "United Mexican States"), "Mexique", "MEXICANA", "G99999999",
            (("José Luis", "Hernández García"), ("Mariana", "Gutiérrez Ortega"), ("Diego", "Ramírez Soto"), ("Valeria", "Núñez"))),
    Country("US", "USA", ("United States of America", "United States", "USA", "U.S.A."), "États-Unis", "UNITED STATES OF AMERICA", "599999999",
            (("Emily", "Carter"), ("Michael", "O'Brien"), ("Sarah", "Kowalski"), ("Daniel", "Whitfield"))),
    Country("FR", "FRA", ("France", "French Republic"), "France", "FRANÇAISE", "99AA99999",
            (("Élodie", "Marchand"), ("Jean-Baptiste", "Lefèvre"), ("Camille", "Dubois"), ("Théo", "Garnier"))),
    Country("BE", "BEL", ("Belgium", "Kingdom of Belgium"), "Belgique", "BELGE", "AA999999",
            (("Julien", "Lambert"), ("Manon", "Dupont"))),
    Country("CM", "CMR", ("Cameroon", "Republic of Cameroon"), "Cameroun", "CAMEROUNAISE", "AA9999999",
            (("Aïcha", "Mbarga"), ("Serge", "Nkoulou"))),
    Country("SN", "SEN", ("Senegal", "Republic of Senegal"), "Sénégal", "SÉNÉGALAISE", "A99999999",
            (("Mamadou", "Diallo"), ("Awa", "Ndiaye"))),
    Country("MA", "MAR", ("Morocco", "Kingdom of Morocco"), "Maroc", "MAROCAINE", "AA9999999",
            (("Youssef", "El Amrani"), ("Salma", "Benjelloun"))),
    Country("DE", "D", ("Germany", "Federal Republic of Germany"), "Allemagne", "DEUTSCH", "C99A99999",
            (("Jonas", "Becker"), ("Lena", "Schröder"))),
    Country("BR", "BRA", ("Brazil", "Brasil", "Federative Republic of Brazil"), "Brésil", "BRASILEIRO", "AA999999",
            (("Lucas", "Almeida Ferreira"), ("Beatriz", "Costa"))),
    Country("KR", "KOR", ("Republic of Korea", "South Korea", "Korea, Republic of"), "Corée du Sud", "REPUBLIC OF KOREA", "M99999999",
            (("Min-jun", "Kim"), ("Seo-yeon", "Park"))),
    Country("NG", "NGA", ("Nigeria", "Federal Republic of Nigeria"), "Nigéria", "NIGERIAN", "A99999999",
            (("Chinedu", "Okafor"), ("Ngozi", "Adeyemi"))),
    Country("GB", "GBR", ("United Kingdom", "United Kingdom of Great Britain and Northern Ireland"), "Royaume-Uni", "BRITISH CITIZEN", "999999999",
            (("Oliver", "Bennett"), ("Hannah", "Whitaker"))),
    Country("AU", "AUS", ("Australia", "Commonwealth of Australia"), "Australie", "AUSTRALIAN", "PA9999999",
            (("Chloe", "Nguyen"), ("Liam", "Fitzgerald"))),
    Country("JP", "JPN", ("Japan",), "Japon", "JAPAN", "TK9999999",
            (("Haruto", "Sato"), ("Yui", "Takahashi"))),
)}

FRANCOPHONE = ("FR", "BE", "CM", "SN", "MA")
CUSMA = ("US", "MX")
GENERAL = ("IN", "PH", "BR", "KR", "NG", "GB", "AU", "JP", "DE", "FR", "MX", "US")


@dataclass(frozen=True)
class Province:
    code: str
    en: str
    fr: str
    short: tuple[str, ...]  # other ways letters write it


PROVINCES: dict[str, Province] = {p.code: p for p in (
    Province("ON", "Ontario", "Ontario", ("ON", "Ont.")),
    Province("BC", "British Columbia", "Colombie-Britannique", ("BC", "B.C.")),
    Province("AB", "Alberta", "Alberta", ("AB", "Alta.")),
    Province("MB", "Manitoba", "Manitoba", ("MB", "Man.")),
    Province("SK", "Saskatchewan", "Saskatchewan", ("SK", "Sask.")),
    Province("NS", "Nova Scotia", "Nouvelle-Écosse", ("NS", "N.S.")),
    Province("NB", "New Brunswick", "Nouveau-Brunswick", ("NB", "N.B.")),
    Province("QC", "Quebec", "Québec", ("QC", "Que.")),
    Province("NL", "Newfoundland and Labrador", "Terre-Neuve-et-Labrador", ("NL",)),
    Province("PE", "Prince Edward Island", "Île-du-Prince-Édouard", ("PE", "P.E.I.")),
)}


@dataclass(frozen=True)
class Place:
    city: str
    province: str
    street: str
    postal: str
    city_fr: str | None = None  # French spelling when it differs


PLACES: tuple[Place, ...] = (
    Place("Toronto", "ON", "250 Front St W, Suite 1400", "M5V 3L9"),
    Place("Toronto", "ON", "100 King Street West, 21st Floor", "M5X 1A9"),
    Place("Vancouver", "BC", "1055 West Georgia Street, Suite 900", "V6E 3P3"),
    Place("Calgary", "AB", "500 4 Ave SW, Unit 1200", "T2P 2V6"),
    Place("Edmonton", "AB", "10180 101 Street NW", "T5J 3S4"),
    Place("Ottawa", "ON", "150 Elgin Street, 8th Floor", "K2P 1L4"),
    Place("Mississauga", "ON", "5100 Spectrum Way", "L4W 5S2"),
    Place("Waterloo", "ON", "295 Hagey Boulevard", "N2L 6R5"),
    Place("Winnipeg", "MB", "201 Portage Avenue, Suite 1800", "R3B 3K6"),
    Place("Halifax", "NS", "1801 Hollis Street", "B3J 3N4"),
    Place("Moncton", "NB", "770 Main Street", "E1C 1E7"),
    Place("Saskatoon", "SK", "410 22nd Street East", "S7K 5T6"),
    Place("Victoria", "BC", "737 Yates Street", "V8W 1L6"),
    Place("Burnaby", "BC", "4720 Kingsway", "V5H 4N2"),
    Place("St. John's", "NL", "10 Fort William Place", "A1C 1K4"),
    Place("Sudbury", "ON", "199 Larch Street", "P3E 5P9", "Grand Sudbury"),
    Place("Montreal", "QC", "1000 De La Gauchetière Street West", "H3B 4W5", "Montréal"),
    Place("Quebec City", "QC", "900 René-Lévesque Boulevard East", "G1R 2B5", "Québec"),
    Place("Fredericton", "NB", "520 King Street", "E3B 6G3"),
    Place("Charlottetown", "PE", "134 Kent Street", "C1A 8R8"),
)


@dataclass(frozen=True)
class Job:
    noc: str
    title: str
    title_fr: str
    same_group_titles: tuple[str, ...]  # other titles of the same unit group (title mismatches)
    neighbour_noc: str  # a real, related unit group (NOC mismatches)
    duties: str
    duties_fr: str
    hourly: tuple[float, float]
    degree: str
    cusma: bool = True
    academic: bool = False


JOBS: tuple[Job, ...] = (
    Job("21231", "Software Engineer", "Ingénieur logiciel", ("Software Designer", "Software Architect"), "21232",
        "Design, build and test back-end services for the payments platform; review code; write technical specifications.",
        "Concevoir, développer et tester les services du logiciel; réviser le code; rédiger les spécifications techniques.",
        (46.0, 62.0), "Bachelor of Engineering in Computer Engineering"),
    Job("21232", "Software Developer", "Développeur logiciel", ("Computer Programmer", "Application Programmer"), "21234",
        "Write, modify and test code for client applications; fix defects; document programs.",
        "Écrire, modifier et tester le code des applications; corriger les anomalies; documenter les programmes.",
        (38.0, 54.0), "Bachelor of Science in Computer Science"),
    Job("21211", "Data Scientist", "Scientifique des données", ("Machine Learning Scientist",), "21223",
        "Build statistical and machine-learning models from customer data; evaluate model accuracy; present findings.",
        "Élaborer des modèles statistiques et d'apprentissage automatique; évaluer leur précision; présenter les résultats.",
        (45.0, 60.0), "Master of Science in Statistics"),
    Job("11100", "Accountant", "Comptable", ("Financial Auditor", "Chartered Professional Accountant"), "11101",
        "Prepare financial statements and tax filings; reconcile accounts; support the annual external audit.",
        "Préparer les états financiers et les déclarations fiscales; rapprocher les comptes; soutenir l'audit annuel.",
        (34.0, 47.0), "Bachelor of Commerce (Accounting)"),
    Job("21300", "Civil Engineer", "Ingénieur civil", ("Structural Engineer", "Geotechnical Engineer"), "21301",
        "Prepare structural designs and drawings for bridge rehabilitation projects; inspect sites; estimate quantities.",
        "Préparer les calculs et plans de structures pour la réfection de ponts; inspecter les chantiers; estimer les quantités.",
        (40.0, 55.0), "Bachelor of Engineering in Civil Engineering"),
    Job("21301", "Mechanical Engineer", "Ingénieur mécanique", ("Piping Engineer", "HVAC Engineer"), "21310",
        "Design mechanical systems for packaging equipment; run stress calculations; prepare test plans.",
        "Concevoir les systèmes mécaniques des équipements d'emballage; faire les calculs de contraintes; préparer les essais.",
        (40.0, 54.0), "Bachelor of Engineering in Mechanical Engineering"),
    Job("21310", "Electrical Engineer", "Ingénieur électricien", ("Electronics Engineer", "Power Systems Engineer"), "21311",
        "Design power distribution for industrial sites; specify protection devices; review contractor drawings.",
        "Concevoir la distribution électrique de sites industriels; spécifier les protections; vérifier les plans.",
        (42.0, 56.0), "Bachelor of Engineering in Electrical Engineering"),
    Job("21222", "Systems Analyst", "Analyste de systèmes", ("IT Consultant", "Informatics Consultant"), "21221",
        "Analyse client requirements; configure and test the ERP system; write functional specifications.",
        "Analyser les besoins des clients; configurer et tester le progiciel de gestion; rédiger les spécifications fonctionnelles.",
        (38.0, 52.0), "Bachelor of Science in Information Systems"),
    Job("11201", "Management Consultant", "Conseiller en gestion", ("Business Management Consultant", "Organizational Analyst"), "11200",
        "Review client operations, recommend process changes and prepare implementation plans.",
        "Examiner les activités des clients, recommander des changements de processus et préparer les plans de mise en oeuvre.",
        (40.0, 58.0), "Master of Business Administration"),
    Job("62200", "Chef", "Chef cuisinier", ("Sous-Chef", "Executive Chef"), "63200",
        "Plan menus, prepare specialty dishes, order ingredients and train kitchen staff.",
        "Planifier les menus, préparer les plats, commander les ingrédients et former le personnel de cuisine.",
        (22.0, 29.0), "Diploma in Culinary Arts", cusma=False),
    Job("72400", "Industrial Mechanic", "Mécanicien industriel", ("Millwright", "Industrial Maintenance Mechanic"), "72401",
        "Install, maintain and repair stationary industrial machinery; read blueprints; align equipment.",
        "Installer, entretenir et réparer la machinerie industrielle; lire les plans; aligner les équipements.",
        (31.0, 40.0), "Diploma in Industrial Maintenance", cusma=False),
    Job("31301", "Registered Nurse", "Infirmière autorisée", ("Registered Psychiatric Nurse", "Staff Nurse"), "31302",
        "Assess patients, administer medication and treatments, and maintain care records on a surgical unit.",
        "Évaluer les patients, administrer les médicaments et les traitements et tenir les dossiers de soins.",
        (40.0, 52.0), "Bachelor of Science in Nursing", cusma=True),
    Job("41200", "Visiting Lecturer", "Chargé de cours invité", ("Visiting Professor", "Assistant Professor"), "41201",
        "Teach undergraduate courses in materials science, supervise laboratory projects and conduct research.",
        "Donner des cours de premier cycle en science des matériaux, encadrer les projets de laboratoire et faire de la recherche.",
        (45.0, 60.0), "Doctor of Philosophy in Materials Science", academic=True),
    Job("21110", "Research Biologist", "Biologiste de recherche", ("Biologist", "Microbiologist"), "21101",
        "Design and run experiments on freshwater ecosystems, analyse samples and publish results.",
        "Concevoir et mener des expériences sur les écosystèmes d'eau douce, analyser les échantillons et publier les résultats.",
        (36.0, 48.0), "Doctor of Philosophy in Biology", academic=True),
)


@dataclass(frozen=True)
class Employer:
    legal: str  # legal name with its suffix
    bare: str  # the same name without the legal suffix
    place_index: int  # head office (index into PLACES)
    phone: str
    parent: str | None = None  # foreign parent (intra-company transfers)
    parent_city: str | None = None
    parent_country: str | None = None
    renamed: tuple[str, ...] = field(default_factory=tuple)  # a different legal entity (employer mismatches)


EMPLOYERS: tuple[Employer, ...] = (
    Employer("Northwind Analytics Inc.", "Northwind Analytics", 0, "416-555-0142", "Northwind Analytics Private Limited", "Pune", "IN",
             ("Northwind Data Services Inc.", "Northgate Analytics Inc.")),
    Employer("Bluefjord Systems Canada Ltd.", "Bluefjord Systems Canada", 2, "604-555-0199", "Bluefjord Systems AS", "Oslo", "NO",
             ("Bluefjord Software Canada Ltd.", "Bluewater Systems Canada Ltd.")),
    Employer("Kessler Automation Canada Inc.", "Kessler Automation Canada", 7, "519-555-0107", "Kessler Automation GmbH", "Stuttgart", "DE",
             ("Kessler Robotics Canada Inc.", "Keller Automation Canada Inc.")),
    Employer("Solari Payments Canada Corp.", "Solari Payments Canada", 5, "613-555-0175", "Solari Pagamenti S.p.A.", "Milan", "IT",
             ("Solaris Payments Canada Corp.", "Solari Payment Networks Corp.")),
    Employer("Tamarind Cloud Services Canada ULC", "Tamarind Cloud Services Canada", 3, "403-555-0120", "Tamarind Cloud Services Pvt. Ltd.", "Bengaluru", "IN",
             ("Tamarind Cloud Solutions Canada ULC", "Tamarack Cloud Services Canada ULC")),
    Employer("Granite Peak Engineering Ltd.", "Granite Peak Engineering", 4, "780-555-0133", None, None, None,
             ("Granite Ridge Engineering Ltd.", "Granite Peak Consulting Ltd.")),
    Employer("Harbourline Health Technologies Inc.", "Harbourline Health Technologies", 9, "902-555-0161", None, None, None,
             ("Harbourline Medical Technologies Inc.", "Harbourside Health Technologies Inc.")),
    Employer("Maple & Birch Consulting Inc.", "Maple & Birch Consulting", 6, "905-555-0188", None, None, None,
             ("Maple & Cedar Consulting Inc.", "Maple Birch Advisory Inc.")),
    Employer("Les Solutions Numériques Acadiennes inc.", "Les Solutions Numériques Acadiennes", 10, "506-555-0114", None, None, None,
             ("Les Services Numériques Acadiens inc.", "Solutions Numériques Atlantiques inc.")),
    Employer("Prairie Ledger Advisory LLP", "Prairie Ledger Advisory", 8, "204-555-0150", None, None, None,
             ("Prairie Ledger Accounting LLP", "Prairie Harvest Advisory LLP")),
    Employer("Cedarview Robotics Corp.", "Cedarview Robotics", 13, "604-555-0171", None, None, None,
             ("Cedarview Automation Corp.", "Cedarvale Robotics Corp.")),
    Employer("Lakeshore BioAnalytics Inc.", "Lakeshore BioAnalytics", 11, "306-555-0126", None, None, None,
             ("Lakeshore Biosciences Inc.", "Lakeside BioAnalytics Inc.")),
    Employer("Atlantic Hearth Hospitality Ltd.", "Atlantic Hearth Hospitality", 14, "709-555-0139", None, None, None,
             ("Atlantic Harbour Hospitality Ltd.", "Atlantic Hearth Restaurants Ltd.")),
)

# Canadian institutions with exchange agreements (C20); the partner institution is in the worker's country.
INSTITUTIONS: tuple[Employer, ...] = (
    Employer("Lakehead Polytechnic Institute", "Lakehead Polytechnic Institute", 15, "705-555-0190", None, None, None,
             ("Lakeland Polytechnic Institute",)),
    Employer("Université Bellechasse", "Université Bellechasse", 10, "506-555-0102", None, None, None,
             ("Université Bellerive",)),
    Employer("Coastal Institute of Marine Science", "Coastal Institute of Marine Science", 12, "250-555-0117", None, None, None,
             ("Coastal Institute of Ocean Science",)),
)

PARTNERS: dict[str, str] = {
    "DE": "Technische Hochschule Rheinland", "FR": "Université de Haute-Bretagne", "JP": "Kansai Institute of Technology",
    "KR": "Hanbit National University", "GB": "University of the North Pennines", "AU": "Southern Coast University",
    "BR": "Universidade Federal do Vale", "MX": "Universidad Politécnica del Bajío", "US": "Great Lakes State University",
}

SIGNATORIES: tuple[tuple[str, str, str], ...] = (
    # (name, title, French title)
    ("Margaret Okonkwo", "Director, Talent Acquisition", "Directrice, acquisition de talents"),
    ("Daniel Tremblay", "Vice-President, People & Culture", "Vice-président, personnes et culture"),
    ("Aisha Rahman", "Human Resources Manager", "Gestionnaire des ressources humaines"),
    ("Pierre-Luc Gagnon", "Chief Operating Officer", "Chef de l'exploitation"),
    ("Rebecca Stein", "Senior HR Business Partner", "Partenaire d'affaires RH principale"),
    ("Gurpreet Sandhu", "General Manager", "Directeur général"),
)

UNIVERSITIES: dict[str, tuple[str, str]] = {
    "US": ("Great Lakes State University", "Ann Arbor, Michigan"),
    "MX": ("Universidad Autónoma de Occidente", "Guadalajara, Jalisco"),
}
