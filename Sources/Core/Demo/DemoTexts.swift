import Foundation

/// Free-text fragments for demo cases: realistic in tone, never about real people.
enum DemoTexts {
    static let notes = [
        "Kennismakingsgesprek gehad, cliënt was gespannen maar wil verder.",
        "Telefonisch contact met de opvang: cliënt slaapt slecht.",
        "Tolk geregeld voor het volgende gesprek.",
        "Cliënt heeft vragen over de procedure; uitleg gegeven.",
        "Overleg met politie over veiligheid; geen nieuwe dreiging bekend.",
        "Huisarts heeft doorverwezen naar GGZ.",
        "Cliënt geeft aan contact met familie te willen herstellen.",
        "Afspraak bij de gemeente over een uitkering.",
        "Evaluatie met het netwerk: doelen grotendeels behaald.",
        "Cliënt niet verschenen op afspraak, opnieuw ingepland.",
    ]
    static let actions = [
        "Huisarts regelen", "BSN-aanvraag begeleiden", "Tolk inplannen", "Veiligheidsplan opstellen",
        "Aanmelding bij schuldhulp", "Overdracht naar nazorg voorbereiden", "Contact opnemen met voogd",
        "Traumabehandeling aanvragen", "Bankrekening openen", "Advocaat inschakelen",
    ]
    static let roles = ["medisch", "juridisch", "woonbegeleiding", "veiligheid", "onderwijs", "financieel", "psychisch"]
    static let agreements = [
        "Eerste medisch onderzoek binnen een week", "Begeleidt het B8-traject", "Wekelijks contact",
        "Zoekt passende dagbesteding", "Houdt zicht op veiligheid in de wijk", "Regelt inkomen en verzekering",
    ]
    static let goals = [
        "Een eigen plek om te wonen en weer naar school.", "Nederlands leren en werk vinden.",
        "Veilig zijn en mijn kinderen zien.", "Terug naar mijn familie, als het veilig is.",
        "Mijn schulden aflossen en rust krijgen.",
    ]
    static let questions = [
        "Welke beschermde opvang is beschikbaar?", "Wie neemt de regie over school en dagbesteding?",
        "Is er zicht op contact met de uitbuiter via sociale media?", "Hoe borgen we de overgang naar 18+?",
        "Welke traumabehandeling past bij deze jongere?",
    ]
    static let minutes = [
        "Advies: traumabehandeling starten en school betrekken.",
        "Afgesproken dat jeugdbescherming de regie neemt.",
        "Politie deelt geen nieuwe informatie; casus blijft op de agenda.",
        "Beschermde opvang gevonden; evaluatie over acht weken.",
    ]
    /// Trend and theme items (kind, title): the agenda shows the kind itself.
    static let trends = [
        ("trend", "Werving via sociale media"), ("trend", "Criminele uitbuiting in de drugshandel"),
        ("thema", "Overgang 18-/18+"), ("trend", "Loverboymethode op scholen"),
    ]
    static let descriptions = [
        "Jonge vrouw, ongeveer 20, spreekt weinig Nederlands, gezien bij het station",
        "Man rond de 30 die 's nachts in de kas slaapt",
        "Meisje van een jaar of 15, wordt na school opgehaald door een oudere man",
        "Jongen die steeds met dure spullen op school komt en vaak verzuimt",
    ]
    static let signals = [
        "Docent ziet dat een leerling vaak wordt opgehaald door volwassenen die zij niet kent.",
        "Werkgever houdt paspoorten in en werknemers wonen op het bedrijfsterrein.",
        "Buurtbewoners zien wisselende jonge vrouwen in een woning, steeds begeleid.",
        "Cliënt vertelt bij de huisarts over een schuld die zij moet afbetalen.",
        "Niet-pluis-gevoel van de wijkagent na een controle in een nagelsalon.",
    ]
    static let safetyPlans = [
        "Geen contact met de oude telefoon; nieuwe simkaart via de opvang. Noodnummer en vluchtroute besproken.",
        "Vermijdt het centrum en het station; begeleiding bij afspraken buiten de deur.",
        "Politie is op de hoogte; bij twijfel direct 112. Adres niet delen met familie.",
        "Sociale media afgesloten; afspraken alleen op locatie van de opvang.",
    ]
    static let transitionPlans = [
        "Blijft tot 21 jaar bij SHOP Jeugd; woontraining en school lopen door.",
        "Overgang naar begeleid wonen; voogd draagt over aan de mentor.",
        "Warme overdracht naar de volwassenenzorg, met een gezamenlijk gesprek voor de 18e verjaardag.",
    ]
    static let recentContacts = [
        "Gebeld: het gaat redelijk, slaapt beter.",
        "Bezoek op de opvang; afspraken voor volgende week gemaakt.",
        "Kort contact per telefoon, geen bijzonderheden.",
        "Samen naar de huisarts geweest.",
    ]
    /// Synthetic addresses (street names that are common, numbers random): never a real person's.
    static let buddyNotes = [
        "Wil graag Nederlands oefenen en de stad leren kennen.",
        "Zoekt iemand om mee te wandelen en koffie te drinken; heeft rust nodig.",
        "Heeft hulp nodig bij brieven van de IND en het begrijpen van de procedure.",
        "Houdt van koken en muziek; wil een sociaal netwerk opbouwen.",
        "Wil leren fietsen en de weg vinden in het openbaar vervoer.",
    ]
    static let checkIns = [
        "Gaat goed, ze zien elkaar wekelijks.",
        "Maatje vraagt advies over grenzen stellen; besproken.",
        "Cliënt was twee keer niet op de afspraak; maatje blijft het proberen.",
        "Samen naar de bibliotheek geweest; cliënt is enthousiast.",
    ]
    static let evaluations = [
        "Doel bereikt: cliënt reist zelfstandig en heeft een eigen netwerk.",
        "Procedure afgerond; cliënt weet de weg naar het juridisch loket.",
        "Klik was er niet; in overleg gestopt, cliënt wil later een nieuw maatje.",
        "Maatje verhuisd; koppeling gestopt en goed afgesloten.",
    ]
    static let streets = ["Voorbeeldstraat", "Lindelaan", "Kastanjeplein", "Molenweg", "Havenkade", "Beukenhof"]
    static let documents: [(title: String, type: String, file: String, text: String)] = [
        ("Ondersteunende verklaring politie", "b8-verklaring", "verklaring-politie.txt",
         "DEMO — synthetische verklaring ten behoeve van de B8-aanvraag. Geen echte persoon."),
        ("Verwijsbrief huisarts", "verwijsbrief", "verwijsbrief.txt",
         "DEMO — synthetische verwijsbrief naar de GGZ. Geen echte persoon."),
        ("Brief IND over de aanvraag", "ind-brief", "brief-ind.txt",
         "DEMO — synthetische ontvangstbevestiging van de IND. Geen echte persoon."),
    ]
}
