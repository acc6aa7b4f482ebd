<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL" sourcelanguage="en">
  <context>
    <name>FieldApp</name>
    <message>
      <source>self-contained build</source>
      <translation>zelfstandige build</translation>
    </message>
    <message>
      <source>About FieldApp</source>
      <translation>Over FieldApp</translation>
    </message>
    <message>
      <source>Field records for soil sampling (Kwalibo, BRL SIKB 2000).</source>
      <translation>Veldregistratie voor bodemonderzoek (Kwalibo, BRL SIKB 2000).</translation>
    </message>
    <message>
      <source>Python {0}</source>
      <translation>Python {0}</translation>
    </message>
    <message>
      <source>FieldApp {0}</source>
      <translation>FieldApp {0}</translation>
    </message>
    <message>
      <source>Database: {path}</source>
      <translation>Database: {path}</translation>
    </message>
    <message>
      <source>Settings: {0}</source>
      <translation>Instellingen: {0}</translation>
    </message>
    <message>
      <source>none</source>
      <translation>geen</translation>
    </message>
    <message>
      <source>New analysis sample</source>
      <translation>Nieuw analysemonster</translation>
    </message>
    <message>
      <source>Remove</source>
      <translation>Verwijderen</translation>
    </message>
    <message>
      <source>(choose a package)</source>
      <translation>(kies een pakket)</translation>
    </message>
    <message>
      <source>all matrices</source>
      <translation>alle matrices</translation>
    </message>
    <message>
      <source>e.g. B01 B02</source>
      <translation>bijv. B01 B02</translation>
    </message>
    <message>
      <source>Save analysis sample</source>
      <translation>Analysemonster opslaan</translation>
    </message>
    <message>
      <source>Code</source>
      <translation>Code</translation>
    </message>
    <message>
      <source>Package</source>
      <translation>Pakket</translation>
    </message>
    <message>
      <source>Remarks</source>
      <translation>Opmerkingen</translation>
    </message>
    <message>
      <source>Select a project first.</source>
      <translation>Kies eerst een project.</translation>
    </message>
    <message>
      <source>m</source>
      <translation>m</translation>
    </message>
    <message>
      <source>Show</source>
      <translation>Toon</translation>
    </message>
    <message>
      <source>Boreholes</source>
      <translation>Boringen</translation>
    </message>
    <message>
      <source>Depth from</source>
      <translation>Diepte van</translation>
    </message>
    <message>
      <source>to</source>
      <translation>tot</translation>
    </message>
    <message>
      <source>Analysis samples</source>
      <translation>Analysemonsters</translation>
    </message>
    <message>
      <source>Field samples (Space ticks a part)</source>
      <translation>Veldmonsters (spatie vinkt een deel aan)</translation>
    </message>
    <message>
      <source>no jar</source>
      <translation>geen potje</translation>
    </message>
    <message>
      <source>Tick the field samples this analysis sample is made of.</source>
      <translation>Vink de veldmonsters aan waaruit dit analysemonster bestaat.</translation>
    </message>
    <message>
      <source>compose analysis sample {c}</source>
      <translation>analysemonster {c} samenstellen</translation>
    </message>
    <message>
      <source>change analysis sample {c}</source>
      <translation>analysemonster {c} wijzigen</translation>
    </message>
    <message>
      <source>remove analysis sample {c}</source>
      <translation>analysemonster {c} verwijderen</translation>
    </message>
    <message>
      <source>Analysis samples of {p}</source>
      <translation>Analysemonsters van {p}</translation>
    </message>
    <message>
      <source>Parts</source>
      <translation>Delen</translation>
    </message>
    <message>
      <source>Part</source>
      <translation>Deel</translation>
    </message>
    <message>
      <source>Borehole</source>
      <translation>Boring</translation>
    </message>
    <message>
      <source>From (m)</source>
      <translation>Van (m)</translation>
    </message>
    <message>
      <source>To (m)</source>
      <translation>Tot (m)</translation>
    </message>
    <message>
      <source>Matrix</source>
      <translation>Matrix</translation>
    </message>
    <message>
      <source>Jars</source>
      <translation>Potjes</translation>
    </message>
    <message>
      <source>In analysis sample</source>
      <translation>In analysemonster</translation>
    </message>
    <message>
      <source>its own jars: {j}</source>
      <translation>eigen potjes: {j}</translation>
    </message>
    <message>
      <source>The lab combines: {jars}</source>
      <translation>Het lab mengt: {jars}</translation>
    </message>
    <message>
      <source>Asbestos-suspect: investigate per NEN 5707</source>
      <translation>Asbestverdacht: onderzoeken volgens NEN 5707</translation>
    </message>
    <message>
      <source>Not asbestos-suspect, because:</source>
      <translation>Niet asbestverdacht, omdat:</translation>
    </message>
    <message>
      <source>e.g. known origin of the rubble, no sheet material seen</source>
      <translation>bijv. herkomst van het puin bekend, geen plaatmateriaal gezien</translation>
    </message>
    <message>
      <source>Record an inspection pit or trench…</source>
      <translation>Inspectiegat of sleuf vastleggen…</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>Opslaan</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Annuleren</translation>
    </message>
    <message>
      <source>Select a borehole first.</source>
      <translation>Kies eerst een boring.</translation>
    </message>
    <message>
      <source>Asbestos suspicion of {b}</source>
      <translation>Asbestverdenking van {b}</translation>
    </message>
    <message>
      <source>{b} has {a} in layer {l}: the location is asbestos-suspect (NEN 5707) unless you write down why not.</source>
      <translation>{b} heeft {a} in laag {l}: de locatie is asbestverdacht (NEN 5707), tenzij u opschrijft waarom niet.</translation>
    </message>
    <message>
      <source>{b} has no suspect admixture in its layers.</source>
      <translation>{b} heeft geen verdachte bijmenging in de lagen.</translation>
    </message>
    <message>
      <source>N</source>
      <translation>N</translation>
    </message>
    <message>
      <source>NE</source>
      <translation>NO</translation>
    </message>
    <message>
      <source>E</source>
      <translation>O</translation>
    </message>
    <message>
      <source>SE</source>
      <translation>ZO</translation>
    </message>
    <message>
      <source>S</source>
      <translation>Z</translation>
    </message>
    <message>
      <source>SW</source>
      <translation>ZW</translation>
    </message>
    <message>
      <source>W</source>
      <translation>W</translation>
    </message>
    <message>
      <source>NW</source>
      <translation>NW</translation>
    </message>
    <message>
      <source>done: stopped by you</source>
      <translation>klaar: door u gestopt</translation>
    </message>
    <message>
      <source>Waiting for the receiver…</source>
      <translation>Wachten op de ontvanger…</translation>
    </message>
    <message>
      <source>Start averaging</source>
      <translation>Start middelen</translation>
    </message>
    <message>
      <source>Collect fixes here until the target is met (F5)</source>
      <translation>Verzamel hier fixes tot het doel bereikt is (F5)</translation>
    </message>
    <message>
      <source>no limit</source>
      <translation>geen limiet</translation>
    </message>
    <message>
      <source>Stop after this many fixes (0: no limit)</source>
      <translation>Stop na zoveel fixes (0: geen limiet)</translation>
    </message>
    <message>
      <source>no time limit</source>
      <translation>geen tijdslimiet</translation>
    </message>
    <message>
      <source>Stop after this many seconds, even with fewer fixes (0: no limit)</source>
      <translation>Stop na zoveel seconden, ook met minder fixes (0: geen limiet)</translation>
    </message>
    <message>
      <source>Stop at</source>
      <translation>Stoppen bij</translation>
    </message>
    <message>
      <source>fixes</source>
      <translation>fixes</translation>
    </message>
    <message>
      <source>or</source>
      <translation>of</translation>
    </message>
    <message>
      <source>Position</source>
      <translation>Positie</translation>
    </message>
    <message>
      <source>To the planned location</source>
      <translation>Naar de geplande locatie</translation>
    </message>
    <message>
      <source>Averaging</source>
      <translation>Middelen</translation>
    </message>
    <message>
      <source>Fixes</source>
      <translation>Fixes</translation>
    </message>
    <message>
      <source>Spread (2DRMS)</source>
      <translation>Spreiding (2DRMS)</translation>
    </message>
    <message>
      <source>Positioning class</source>
      <translation>Plaatsbepalingsklasse</translation>
    </message>
    <message>
      <source>{lat} N  {lon} E</source>
      <translation>{lat} NB  {lon} OL</translation>
    </message>
    <message>
      <source>outside the RD grid</source>
      <translation>buiten het RD-grid</translation>
    </message>
    <message>
      <source>no planned location</source>
      <translation>geen geplande locatie</translation>
    </message>
    <message>
      <source>Average again</source>
      <translation>Opnieuw middelen</translation>
    </message>
    <message>
      <source>not started</source>
      <translation>niet gestart</translation>
    </message>
    <message>
      <source>{n} of {goal}</source>
      <translation>{n} van {goal}</translation>
    </message>
    <message>
      <source>{m} m per ring</source>
      <translation>{m} m per ring</translation>
    </message>
    <message>
      <source>No receiver: check the cable or the Bluetooth link.</source>
      <translation>Geen ontvanger: controleer de kabel of de Bluetooth-verbinding.</translation>
    </message>
    <message>
      <source>unknown (no RD position)</source>
      <translation>onbekend (geen RD-positie)</translation>
    </message>
    <message>
      <source>done: {n} reached</source>
      <translation>klaar: {n} bereikt</translation>
    </message>
    <message>
      <source>done: time limit of {s} s reached</source>
      <translation>klaar: tijdslimiet van {s} s bereikt</translation>
    </message>
    <message>
      <source>done: spread at most {m} m</source>
      <translation>klaar: spreiding hoogstens {m} m</translation>
    </message>
    <message>
      <source>paused: no current fix</source>
      <translation>gepauzeerd: geen actuele fix</translation>
    </message>
    <message>
      <source>averaging…</source>
      <translation>bezig met middelen…</translation>
    </message>
    <message>
      <source>Stop averaging</source>
      <translation>Stop middelen</translation>
    </message>
    <message>
      <source>none fits (accuracy unknown)</source>
      <translation>geen klasse past (nauwkeurigheid onbekend)</translation>
    </message>
    <message>
      <source>RD x {x}  y {y}</source>
      <translation>RD x {x}  y {y}</translation>
    </message>
    <message>
      <source>{s} of {limit} s</source>
      <translation>{s} van {limit} s</translation>
    </message>
    <message>
      <source>Worse than the project's required class {req}: {have}. The receiver reports no accuracy, so averaging longer cannot reach it; use a receiver that reports its accuracy (GST or HDOP).</source>
      <translation>Slechter dan de vereiste klasse van het project {req}: {have}. De ontvanger meldt geen nauwkeurigheid, dus langer middelen helpt niet; gebruik een ontvanger die zijn nauwkeurigheid meldt (GST of HDOP).</translation>
    </message>
    <message>
      <source>{d} m to the {c} ({b}°)</source>
      <translation>{d} m naar het {c} ({b}°)</translation>
    </message>
    <message>
      <source>paused: {why}</source>
      <translation>gepauzeerd: {why}</translation>
    </message>
    <message>
      <source>Worse than the project's required class {req}: {have}. Average longer, or use a receiver with corrections.</source>
      <translation>Slechter dan de vereiste klasse van het project {req}: {have}. Middel langer, of gebruik een ontvanger met correcties.</translation>
    </message>
    <message>
      <source>none fits (±{s} m)</source>
      <translation>geen klasse past (±{s} m)</translation>
    </message>
    <message>
      <source>Technique</source>
      <translation>Boortechniek</translation>
    </message>
    <message>
      <source>Apparatus</source>
      <translation>Boorapparaat</translation>
    </message>
    <message>
      <source>Diameter (mm)</source>
      <translation>Diameter (mm)</translation>
    </message>
    <message>
      <source>level measured</source>
      <translation>stand gemeten</translation>
    </message>
    <message>
      <source>not encountered</source>
      <translation>niet aangetroffen</translation>
    </message>
    <message>
      <source>not measured</source>
      <translation>niet gemeten</translation>
    </message>
    <message>
      <source>The boring process from {a} m to the final depth overlaps the one from {c} m.</source>
      <translation>Het boorproces van {a} m tot de einddiepte overlapt het boorproces vanaf {c} m.</translation>
    </message>
    <message>
      <source>The boring process from {a} m to {b} m overlaps the one from {c} m.</source>
      <translation>Het boorproces van {a} tot {b} m overlapt het boorproces vanaf {c} m.</translation>
    </message>
    <message>
      <source>Let each interval end where the next begins; only the last may run to the final depth.</source>
      <translation>Laat elk interval eindigen waar het volgende begint; alleen het laatste mag tot de einddiepte lopen.</translation>
    </message>
    <message>
      <source>The boring process reaches {a} m, below the final depth {b} m.</source>
      <translation>Het boorproces reikt tot {a} m, onder de einddiepte van {b} m.</translation>
    </message>
    <message>
      <source>End the last interval at the final depth, or leave its lower depth empty.</source>
      <translation>Laat het laatste interval bij de einddiepte eindigen, of laat de onderkant leeg.</translation>
    </message>
    <message>
      <source>Boring process {n} ({a} m) names no technique or apparatus.</source>
      <translation>Boorproces {n} ({a} m) noemt geen techniek of apparaat.</translation>
    </message>
    <message>
      <source>Pick the apparatus used over this interval.</source>
      <translation>Kies het apparaat dat over dit interval is gebruikt.</translation>
    </message>
    <message>
      <source>The antenna height is not set or not plausible.</source>
      <translation>De antennehoogte is niet ingesteld of niet aannemelijk.</translation>
    </message>
    <message>
      <source>Set the antenna height of your receiver (pole) in Settings, e.g. 2.00 m.</source>
      <translation>Stel de antennehoogte van uw ontvanger (stok) in bij Instellingen, bijv. 2,00 m.</translation>
    </message>
    <message>
      <source>Borehole {c} has no GNSS height (NAP).</source>
      <translation>Boring {c} heeft geen GNSS-hoogte (NAP).</translation>
    </message>
    <message>
      <source>Measure its position first, or choose another method.</source>
      <translation>Meet eerst de positie in, of kies een andere methode.</translation>
    </message>
    <message>
      <source>The surface level (m NAP) is empty.</source>
      <translation>De maaiveldhoogte (m NAP) is leeg.</translation>
    </message>
    <message>
      <source>Type the level in metres NAP, e.g. 1.25.</source>
      <translation>Typ de hoogte in meters NAP, bijv. 1,25.</translation>
    </message>
    <message>
      <source>A groundwater level of {a} m was given with a status without a level.</source>
      <translation>Er is een grondwaterstand van {a} m gegeven met een status zonder stand.</translation>
    </message>
    <message>
      <source>Clear the level, or choose 'measured'.</source>
      <translation>Maak de stand leeg, of kies 'stand gemeten'.</translation>
    </message>
    <message>
      <source>The groundwater level is 'measured' but no level is given.</source>
      <translation>De grondwaterstand is 'gemeten', maar er is geen stand gegeven.</translation>
    </message>
    <message>
      <source>Type the level in m below ground, or choose 'not encountered'.</source>
      <translation>Typ de stand in m onder maaiveld, of kies 'niet aangetroffen'.</translation>
    </message>
    <message>
      <source>'{t}' is not a diameter in whole millimetres.</source>
      <translation>'{t}' is geen diameter in hele millimeters.</translation>
    </message>
    <message>
      <source>Type whole millimetres, e.g. 70.</source>
      <translation>Typ hele millimeters, bijv. 70.</translation>
    </message>
    <message>
      <source>'{t}' is not an accuracy in whole centimetres.</source>
      <translation>'{t}' is geen nauwkeurigheid in hele centimeters.</translation>
    </message>
    <message>
      <source>Type whole centimetres, e.g. 5.</source>
      <translation>Typ hele centimeters, bijv. 5.</translation>
    </message>
    <message>
      <source>mm, e.g. 70</source>
      <translation>mm, bijv. 70</translation>
    </message>
    <message>
      <source>m below ground</source>
      <translation>m onder maaiveld</translation>
    </message>
    <message>
      <source>Boring technique</source>
      <translation>Boortechniek</translation>
    </message>
    <message>
      <source>Final depth (m)</source>
      <translation>Einddiepte (m)</translation>
    </message>
    <message>
      <source>Stop reason</source>
      <translation>Reden van stoppen</translation>
    </message>
    <message>
      <source>Groundwater level (m)</source>
      <translation>Grondwaterstand (m)</translation>
    </message>
    <message>
      <source>Groundwater</source>
      <translation>Grondwater</translation>
    </message>
    <message>
      <source>Backfill</source>
      <translation>Aanvulmateriaal</translation>
    </message>
    <message>
      <source>m NAP, e.g. -0.85</source>
      <translation>m NAP, bijv. -0,85</translation>
    </message>
    <message>
      <source>m, from Settings</source>
      <translation>m, uit Instellingen</translation>
    </message>
    <message>
      <source>cm, e.g. 5</source>
      <translation>cm, bijv. 5</translation>
    </message>
    <message>
      <source>Surface level</source>
      <translation>Maaiveldhoogte</translation>
    </message>
    <message>
      <source>Method</source>
      <translation>Methode</translation>
    </message>
    <message>
      <source>Level (m NAP)</source>
      <translation>Hoogte (m NAP)</translation>
    </message>
    <message>
      <source>Antenna height (m)</source>
      <translation>Antennehoogte (m)</translation>
    </message>
    <message>
      <source>Accuracy (cm)</source>
      <translation>Nauwkeurigheid (cm)</translation>
    </message>
    <message>
      <source>Add interval</source>
      <translation>Traject toevoegen</translation>
    </message>
    <message>
      <source>Remove interval</source>
      <translation>Interval verwijderen</translation>
    </message>
    <message>
      <source>Boring process per depth interval</source>
      <translation>Boorproces per diepte-interval</translation>
    </message>
    <message>
      <source>Close borehole</source>
      <translation>Boring afsluiten</translation>
    </message>
    <message>
      <source>Save, then close the borehole; shows what is still missing</source>
      <translation>Opslaan en de boring afsluiten; toont wat nog ontbreekt</translation>
    </message>
    <message>
      <source>Not closed.</source>
      <translation>Niet afgesloten.</translation>
    </message>
    <message>
      <source>Borehole {c}: details and closing</source>
      <translation>Boring {c}: gegevens en afsluiten</translation>
    </message>
    <message>
      <source>closed on {d} by {w}</source>
      <translation>afgesloten op {d} door {w}</translation>
    </message>
    <message>
      <source>Saved {c}.</source>
      <translation>{c} opgeslagen.</translation>
    </message>
    <message>
      <source>Borehole {c} cannot be closed yet:</source>
      <translation>Boring {c} kan nog niet worden afgesloten:</translation>
    </message>
    <message>
      <source>m below ground, where drilling stopped</source>
      <translation>m onder maaiveld, waar de boring stopte</translation>
    </message>
    <message>
      <source>m below ground, when measured</source>
      <translation>m onder maaiveld, als gemeten</translation>
    </message>
    <message>
      <source>(empty)</source>
      <translation>(leeg)</translation>
    </message>
    <message>
      <source>The final depth {d} m of borehole {c} is not saved yet.</source>
      <translation>De einddiepte {d} m van boring {c} is nog niet opgeslagen.</translation>
    </message>
    <message>
      <source>The groundwater level {d} m of borehole {c} is not saved yet.</source>
      <translation>De grondwaterstand {d} m van boring {c} is nog niet opgeslagen.</translation>
    </message>
    <message>
      <source>e.g. B01</source>
      <translation>bijv. B01</translation>
    </message>
    <message>
      <source>RD x (m), optional</source>
      <translation>RD x (m), optioneel</translation>
    </message>
    <message>
      <source>RD y (m), optional</source>
      <translation>RD y (m), optioneel</translation>
    </message>
    <message>
      <source>Borehole code</source>
      <translation>Boringcode</translation>
    </message>
    <message>
      <source>Planned x (RD)</source>
      <translation>Geplande x (RD)</translation>
    </message>
    <message>
      <source>Planned y (RD)</source>
      <translation>Geplande y (RD)</translation>
    </message>
    <message>
      <source>Done by</source>
      <translation>Gedaan door</translation>
    </message>
    <message>
      <source>Position from the GNSS receiver</source>
      <translation>Positie van de GNSS-ontvanger</translation>
    </message>
    <message>
      <source>Save borehole</source>
      <translation>Boring opslaan</translation>
    </message>
    <message>
      <source>Save the borehole with the averaged position (Ctrl+S)</source>
      <translation>Sla de boring op met de gemiddelde positie (Ctrl+S)</translation>
    </message>
    <message>
      <source>Close borehole…</source>
      <translation>Boring afsluiten…</translation>
    </message>
    <message>
      <source>Technique, boring process, stop reason, groundwater, backfill, surface level; then close the selected borehole</source>
      <translation>Boortechniek, boorproces, reden van stoppen, grondwater, aanvulling, maaiveld; daarna de gekozen boring afsluiten</translation>
    </message>
    <message>
      <source>Not saved: the position strays from the plan. Average again, or save and give a reason.</source>
      <translation>Niet opgeslagen: de positie wijkt af van het plan. Middel opnieuw, of sla op en geef een reden.</translation>
    </message>
    <message>
      <source>Open or create a project first.</source>
      <translation>Open of maak eerst een project.</translation>
    </message>
    <message>
      <source>Measure the planned borehole {c}</source>
      <translation>Meet de geplande boring {c} in</translation>
    </message>
    <message>
      <source>New borehole in {p}</source>
      <translation>Nieuwe boring in {p}</translation>
    </message>
    <message>
      <source>The stop condition applies now but could not be kept: {e}</source>
      <translation>De stopvoorwaarde geldt nu, maar kon niet bewaard worden: {e}</translation>
    </message>
    <message>
      <source>Search boreholes (Ctrl+F)</source>
      <translation>Boringen zoeken (Ctrl+F)</translation>
    </message>
    <message>
      <source>Show only the boreholes whose code, status, depth or class contains this text</source>
      <translation>Toon alleen de boringen waarvan code, status, diepte of klasse deze tekst bevat</translation>
    </message>
    <message>
      <source>Findings</source>
      <translation>Bevindingen</translation>
    </message>
    <message>
      <source>Check again</source>
      <translation>Opnieuw controleren</translation>
    </message>
    <message>
      <source>Go to</source>
      <translation>Ga naar</translation>
    </message>
    <message>
      <source>Select the object in the main window (Enter or double-click)</source>
      <translation>Selecteer het object in het hoofdvenster (Enter of dubbelklik)</translation>
    </message>
    <message>
      <source>No findings: every rule is met.</source>
      <translation>Geen bevindingen: aan elke regel is voldaan.</translation>
    </message>
    <message>
      <source>Check of {p}</source>
      <translation>Controle van {p}</translation>
    </message>
    <message>
      <source>Severity</source>
      <translation>Ernst</translation>
    </message>
    <message>
      <source>Object</source>
      <translation>Object</translation>
    </message>
    <message>
      <source>Message</source>
      <translation>Melding</translation>
    </message>
    <message>
      <source>Checking {p}…</source>
      <translation>{p} wordt gecontroleerd…</translation>
    </message>
    <message>
      <source>The check failed: {m}</source>
      <translation>De controle is mislukt: {m}</translation>
    </message>
    <message>
      <source>Checking {p}… {done} of {total}</source>
      <translation>{p} wordt gecontroleerd… {done} van {total}</translation>
    </message>
    <message>
      <source>Enter or double-click goes to the object.</source>
      <translation>Enter of dubbelklikken gaat naar het object.</translation>
    </message>
    <message>
      <source>Source</source>
      <translation>Bron</translation>
    </message>
    <message>
      <source>project</source>
      <translation>project</translation>
    </message>
    <message>
      <source>borehole</source>
      <translation>boring</translation>
    </message>
    <message>
      <source>layer</source>
      <translation>laag</translation>
    </message>
    <message>
      <source>sample</source>
      <translation>monster</translation>
    </message>
    <message>
      <source>sample part</source>
      <translation>monsterdeel</translation>
    </message>
    <message>
      <source>container</source>
      <translation>monsterpot</translation>
    </message>
    <message>
      <source>shipment</source>
      <translation>zending</translation>
    </message>
    <message>
      <source>Conflicts</source>
      <translation>Conflicten</translation>
    </message>
    <message>
      <source>Reading the conflicts from the hub…</source>
      <translation>De conflicten worden bij de hub opgehaald…</translation>
    </message>
    <message>
      <source>Keep</source>
      <translation>Behouden</translation>
    </message>
    <message>
      <source>The value the records hold stays; the conflict is marked as reviewed</source>
      <translation>De waarde in de gegevens blijft staan; het conflict wordt als beoordeeld gemarkeerd</translation>
    </message>
    <message>
      <source>Take the other value</source>
      <translation>Andere waarde nemen</translation>
    </message>
    <message>
      <source>Write the losing value back as your own edit, then sync</source>
      <translation>De verloren waarde terugzetten als uw eigen wijziging, daarna synchroniseren</translation>
    </message>
    <message>
      <source>Refresh</source>
      <translation>Vernieuwen</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>Sluiten</translation>
    </message>
    <message>
      <source>Resolving…</source>
      <translation>Bezig met oplossen…</translation>
    </message>
    <message>
      <source>this device</source>
      <translation>dit apparaat</translation>
    </message>
    <message>
      <source>No open conflicts.</source>
      <translation>Geen open conflicten.</translation>
    </message>
    <message>
      <source>Table</source>
      <translation>Tabel</translation>
    </message>
    <message>
      <source>Record</source>
      <translation>Record</translation>
    </message>
    <message>
      <source>Field</source>
      <translation>Veld</translation>
    </message>
    <message>
      <source>Kept value</source>
      <translation>Behouden waarde</translation>
    </message>
    <message>
      <source>Losing value</source>
      <translation>Verloren waarde</translation>
    </message>
    <message>
      <source>Devices (kept / lost)</source>
      <translation>Apparaten (behouden / verloren)</translation>
    </message>
    <message>
      <source>Kept edit made</source>
      <translation>Behouden wijziging gemaakt</translation>
    </message>
    <message>
      <source>Losing edit made</source>
      <translation>Verloren wijziging gemaakt</translation>
    </message>
    <message>
      <source>The hub could not be asked: {reason}</source>
      <translation>De hub kon niet worden bereikt: {reason}</translation>
    </message>
    <message>
      <source>{n}: choose one, then keep its value or take the other one.</source>
      <translation>{n}: kies er een en behoud de waarde of neem de andere.</translation>
    </message>
    <message>
      <source>(deleted)</source>
      <translation>(verwijderd)</translation>
    </message>
    <message>
      <source>The reason (motivatie) is empty.</source>
      <translation>De motivatie is leeg.</translation>
    </message>
    <message>
      <source>Say why the protocol could not be followed here.</source>
      <translation>Geef aan waarom het protocol hier niet kon worden gevolgd.</translation>
    </message>
    <message>
      <source>The consequences and risks are empty.</source>
      <translation>De gevolgen en risico's zijn leeg.</translation>
    </message>
    <message>
      <source>Say what the deviation means for the result (or that it means nothing).</source>
      <translation>Geef aan wat de afwijking betekent voor het resultaat (of dat ze niets betekent).</translation>
    </message>
    <message>
      <source>Record deviation</source>
      <translation>Afwijking vastleggen</translation>
    </message>
    <message>
      <source>The protocol allows this only as a recorded deviation (afwijking). It is kept with the record, listed by the check and in every export.</source>
      <translation>Het protocol staat dit alleen toe als vastgelegde afwijking. Die blijft bij het record, staat in de controle en in elke export.</translation>
    </message>
    <message>
      <source>why the protocol could not be followed here</source>
      <translation>waarom het protocol hier niet kon worden gevolgd</translation>
    </message>
    <message>
      <source>what it means for the result, and its risks</source>
      <translation>wat het betekent voor het resultaat, en de risico's</translation>
    </message>
    <message>
      <source>(not given)</source>
      <translation>(niet opgegeven)</translation>
    </message>
    <message>
      <source>Part of the protocol</source>
      <translation>Onderdeel van het protocol</translation>
    </message>
    <message>
      <source>Nature</source>
      <translation>Aard</translation>
    </message>
    <message>
      <source>Motivation</source>
      <translation>Motivatie</translation>
    </message>
    <message>
      <source>Consequences and risks</source>
      <translation>Gevolgen en risico's</translation>
    </message>
    <message>
      <source>Decided by</source>
      <translation>Besloten door</translation>
    </message>
    <message>
      <source>Record and save</source>
      <translation>Vastleggen en opslaan</translation>
    </message>
    <message>
      <source>No deviations recorded in this project.</source>
      <translation>In dit project zijn geen afwijkingen vastgelegd.</translation>
    </message>
    <message>
      <source>Deviations of project {p}</source>
      <translation>Afwijkingen van project {p}</translation>
    </message>
    <message>
      <source>Rule</source>
      <translation>Regel</translation>
    </message>
    <message>
      <source>When</source>
      <translation>Wanneer</translation>
    </message>
    <message>
      <source>{n} recorded.</source>
      <translation>{n} vastgelegd.</translation>
    </message>
    <message>
      <source>8 digits</source>
      <translation>8 cijfers</translation>
    </message>
    <message>
      <source>KvK number of the accountable party</source>
      <translation>KvK-nummer van de verantwoordelijke partij</translation>
    </message>
    <message>
      <source>Delivery context (BRO)</source>
      <translation>Kader aanlevering (BRO)</translation>
    </message>
    <message>
      <source>CSV tables</source>
      <translation>CSV-tabellen</translation>
    </message>
    <message>
      <source>GeoJSON (boreholes on a map)</source>
      <translation>GeoJSON (boringen op een kaart)</translation>
    </message>
    <message>
      <source>GeoPackage (GIS)</source>
      <translation>GeoPackage (GIS)</translation>
    </message>
    <message>
      <source>Excel workbook</source>
      <translation>Excel-werkmap</translation>
    </message>
    <message>
      <source>Borehole logs (PDF)</source>
      <translation>Boorstaten (PDF)</translation>
    </message>
    <message>
      <source>Site map (PDF)</source>
      <translation>Situatietekening (PDF)</translation>
    </message>
    <message>
      <source>SIKB0101 XML (for the competent authority)</source>
      <translation>SIKB0101-XML (voor het bevoegd gezag)</translation>
    </message>
    <message>
      <source>SAD registration request (BRO)</source>
      <translation>SAD-registratieverzoek (BRO)</translation>
    </message>
    <message>
      <source>BHR-GT registration requests (BRO), one per borehole</source>
      <translation>BHR-GT-registratieverzoeken (BRO), één per boring</translation>
    </message>
    <message>
      <source>Unexpected error: {e}</source>
      <translation>Onverwachte fout: {e}</translation>
    </message>
    <message>
      <source>Browse…</source>
      <translation>Bladeren…</translation>
    </message>
    <message>
      <source>Format</source>
      <translation>Formaat</translation>
    </message>
    <message>
      <source>Write to</source>
      <translation>Schrijven naar</translation>
    </message>
    <message>
      <source>Export</source>
      <translation>Exporteren</translation>
    </message>
    <message>
      <source>Export into</source>
      <translation>Exporteren naar map</translation>
    </message>
    <message>
      <source>Exporting…</source>
      <translation>Exporteren…</translation>
    </message>
    <message>
      <source>Checking against SIKB's rules…</source>
      <translation>Controleren met de regels van SIKB…</translation>
    </message>
    <message>
      <source>Offline bundle</source>
      <translation>Offline bundel</translation>
    </message>
    <message>
      <source>Every change of this device that no hub has received, in one signed file. Carry it to the hub; importing it twice does no harm.</source>
      <translation>Alle wijzigingen van dit apparaat die nog geen hub heeft ontvangen, in één ondertekend bestand. Breng het naar de hub; twee keer importeren kan geen kwaad.</translation>
    </message>
    <message>
      <source>Write bundle</source>
      <translation>Bundel schrijven</translation>
    </message>
    <message>
      <source>Writing the bundle…</source>
      <translation>Bundel schrijven…</translation>
    </message>
    <message>
      <source>Choose where to write it first.</source>
      <translation>Kies eerst waar het geschreven moet worden.</translation>
    </message>
    <message>
      <source>Give the KvK number (8 digits) of the party accountable for the delivery, or fill in the contractor's in the project's details.</source>
      <translation>Vul het KvK-nummer (8 cijfers) in van de partij die verantwoordelijk is voor de aanlevering, of dat van de opdrachtnemer in de projectgegevens.</translation>
    </message>
    <message>
      <source>Exported {n} to {path} ({files}, with a SHA-256 manifest).</source>
      <translation>{n} geëxporteerd naar {path} ({files}, met een SHA-256-manifest).</translation>
    </message>
    <message>
      <source>Wrote {n} to {path}; left out, as listed above: {m}.</source>
      <translation>{n} geschreven naar {path}; weggelaten, zie de lijst hierboven: {m}.</translation>
    </message>
    <message>
      <source>Wrote {n} to {path}. Import it on the hub with `fieldapp hub import`.</source>
      <translation>{n} geschreven naar {path}. Importeer het op de hub met `fieldapp hub import`.</translation>
    </message>
    <message>
      <source>Cancelled: nothing was written, {path} is as it was.</source>
      <translation>Geannuleerd: er is niets geschreven, {path} is ongewijzigd.</translation>
    </message>
    <message>
      <source>Export {p}</source>
      <translation>{p} exporteren</translation>
    </message>
    <message>
      <source>Wrote {n} to {path}, one per borehole, with a SHA-256 manifest.</source>
      <translation>{n} geschreven naar {path}, één per boring, met een SHA-256-manifest.</translation>
    </message>
    <message>
      <source>{n}: nothing was written. Correct what is listed and export again.</source>
      <translation>{n}: er is niets geschreven. Verbeter wat in de lijst staat en exporteer opnieuw.</translation>
    </message>
    <message>
      <source>Not delivered, for want of what the BRO requires: {n} of {total}.</source>
      <translation>Niet aangeleverd, want niet voor de BRO te beschrijven: {n} van {total}.</translation>
    </message>
    <message>
      <source>Record deviation…</source>
      <translation>Afwijking vastleggen…</translation>
    </message>
    <message>
      <source>Save field report</source>
      <translation>Veldwerkrapportage opslaan</translation>
    </message>
    <message>
      <source>PDF files (*.pdf)</source>
      <translation>PDF-bestanden (*.pdf)</translation>
    </message>
    <message>
      <source>Writing the field report of {p}…</source>
      <translation>Veldwerkrapportage van {p} wordt geschreven…</translation>
    </message>
    <message>
      <source>Field report of {p} saved to {f}.</source>
      <translation>Veldwerkrapportage van {p} opgeslagen in {f}.</translation>
    </message>
    <message>
      <source>The field report was not written: {m}</source>
      <translation>De veldwerkrapportage is niet geschreven: {m}</translation>
    </message>
    <message>
      <source>New</source>
      <translation>Nieuw</translation>
    </message>
    <message>
      <source>no fix</source>
      <translation>geen fix</translation>
    </message>
    <message>
      <source>turn on the receiver's NMEA output</source>
      <translation>zet de NMEA-uitvoer van de ontvanger aan</translation>
    </message>
    <message>
      <source>check that the receiver sends NMEA 0183</source>
      <translation>controleer of de ontvanger NMEA 0183 stuurt</translation>
    </message>
    <message>
      <source>Data is arriving but it is not NMEA:</source>
      <translation>Er komen gegevens binnen, maar geen NMEA:</translation>
    </message>
    <message>
      <source>accuracy unknown</source>
      <translation>nauwkeurigheid onbekend</translation>
    </message>
    <message>
      <source>GNSS receiver: fix type, satellites used, estimated accuracy and age of the last fix</source>
      <translation>GNSS-ontvanger: type fix, gebruikte satellieten, geschatte nauwkeurigheid en leeftijd van de laatste fix</translation>
    </message>
    <message>
      <source>check the receiver's baud rate (FieldApp: {baud} baud)</source>
      <translation>controleer de baudrate van de ontvanger (FieldApp: {baud} baud)</translation>
    </message>
    <message>
      <source>±{m} m</source>
      <translation>±{m} m</translation>
    </message>
    <message>
      <source>RTK fixed</source>
      <translation>RTK fixed</translation>
    </message>
    <message>
      <source>RTK float</source>
      <translation>RTK float</translation>
    </message>
    <message>
      <source>DGPS</source>
      <translation>DGPS</translation>
    </message>
    <message>
      <source>GPS</source>
      <translation>GPS</translation>
    </message>
    <message>
      <source>connecting…</source>
      <translation>verbinden…</translation>
    </message>
    <message>
      <source>no receiver</source>
      <translation>geen ontvanger</translation>
    </message>
    <message>
      <source>fix</source>
      <translation>fix</translation>
    </message>
    <message>
      <source>not NMEA</source>
      <translation>geen NMEA</translation>
    </message>
    <message>
      <source>Data is arriving in {protocol}, not NMEA:</source>
      <translation>Er komen gegevens binnen in {protocol}, geen NMEA:</translation>
    </message>
    <message>
      <source>±{cm} cm</source>
      <translation>±{cm} cm</translation>
    </message>
    <message>
      <source>satellites: –</source>
      <translation>satellieten: –</translation>
    </message>
    <message>
      <source>no fix yet</source>
      <translation>nog geen fix</translation>
    </message>
    <message>
      <source>No fix</source>
      <translation>Geen fix</translation>
    </message>
    <message>
      <source>satellites: {n}</source>
      <translation>satellieten: {n}</translation>
    </message>
    <message>
      <source>last fix {s} s ago</source>
      <translation>laatste fix {s} s geleden</translation>
    </message>
    <message>
      <source>Planned boreholes (CSV, GeoJSON or GeoPackage from a GIS)</source>
      <translation>Geplande boringen (CSV, GeoJSON of GeoPackage uit een GIS)</translation>
    </message>
    <message>
      <source>SIKB0101 investigation (XML, also inside a SAD request)</source>
      <translation>SIKB0101-onderzoek (XML, ook binnen een SAD-verzoek)</translation>
    </message>
    <message>
      <source>Plans (*.csv *.geojson *.json *.gpkg);;All files (*)</source>
      <translation>Plannen (*.csv *.geojson *.json *.gpkg);;Alle bestanden (*)</translation>
    </message>
    <message>
      <source>SIKB0101 (*.xml);;All files (*)</source>
      <translation>SIKB0101 (*.xml);;Alle bestanden (*)</translation>
    </message>
    <message>
      <source>File</source>
      <translation>Bestand</translation>
    </message>
    <message>
      <source>Choose the file with Browse…</source>
      <translation>Kies het bestand met Bladeren…</translation>
    </message>
    <message>
      <source>Import</source>
      <translation>Importeren</translation>
    </message>
    <message>
      <source>Importing…</source>
      <translation>Bezig met importeren…</translation>
    </message>
    <message>
      <source>Cancelled: nothing was imported.</source>
      <translation>Geannuleerd: er is niets geïmporteerd.</translation>
    </message>
    <message>
      <source>Merged {path} into project {p}: {n}, {u} changed.</source>
      <translation>{path} samengevoegd met project {p}: {n}, {u} gewijzigd.</translation>
    </message>
    <message>
      <source>Imported {path} as project {p}: {n}.</source>
      <translation>{path} geïmporteerd als project {p}: {n}.</translation>
    </message>
    <message>
      <source>Choose the file to import first (Browse…).</source>
      <translation>Kies eerst het bestand om te importeren (Bladeren…).</translation>
    </message>
    <message>
      <source>Imported {path} into {p}: {a} added, {u} updated.</source>
      <translation>{path} geïmporteerd in {p}: {a} toegevoegd, {u} bijgewerkt.</translation>
    </message>
    <message>
      <source>Nothing was imported: {why}</source>
      <translation>Er is niets geïmporteerd: {why}</translation>
    </message>
    <message>
      <source>Import into {p}</source>
      <translation>Importeren in {p}</translation>
    </message>
    <message>
      <source>Added ({n}):</source>
      <translation>Toegevoegd ({n}):</translation>
    </message>
    <message>
      <source>Plan updated ({n}):</source>
      <translation>Plan bijgewerkt ({n}):</translation>
    </message>
    <message>
      <source>{n} to check: see the top of the list.</source>
      <translation>{n} na te kijken: zie het begin van de lijst.</translation>
    </message>
    <message>
      <source>The {w} of {v} m is not a measure.</source>
      <translation>De {w} van {v} m is geen maat.</translation>
    </message>
    <message>
      <source>Give it in metres, more than 0 and at most {n}.</source>
      <translation>Geef die in meters, meer dan 0 en ten hoogste {n}.</translation>
    </message>
    <message>
      <source>A weight of {v} g is not a weight.</source>
      <translation>Een gewicht van {v} g is geen gewicht.</translation>
    </message>
    <message>
      <source>Give the weight of the suspect material found in grams (0 or more).</source>
      <translation>Geef het gewicht van het gevonden verdachte materiaal in grammen (0 of meer).</translation>
    </message>
    <message>
      <source>Suspect material was weighed but not described.</source>
      <translation>Er is verdacht materiaal gewogen maar niet omschreven.</translation>
    </message>
    <message>
      <source>Say what it was, e.g. 'golfplaat', 'vlakke plaat', 'vinyl'.</source>
      <translation>Zeg wat het was, bijv. 'golfplaat', 'vlakke plaat', 'vinyl'.</translation>
    </message>
    <message>
      <source>Inspection '{c}' already exists in this project.</source>
      <translation>Inspectie '{c}' bestaat al in dit project.</translation>
    </message>
    <message>
      <source>Give it another code, e.g. the next number.</source>
      <translation>Geef een andere code, bijv. het volgende nummer.</translation>
    </message>
    <message>
      <source>That borehole is not in this project.</source>
      <translation>Die boring hoort niet bij dit project.</translation>
    </message>
    <message>
      <source>Pick a borehole of the project.</source>
      <translation>Kies een boring van het project.</translation>
    </message>
    <message>
      <source>'{v}' is not a NEN 5707 inspection.</source>
      <translation>'{v}' is geen NEN 5707-inspectie.</translation>
    </message>
    <message>
      <source>Choose one of: {v}.</source>
      <translation>Kies een van: {v}.</translation>
    </message>
    <message>
      <source>length</source>
      <translation>lengte</translation>
    </message>
    <message>
      <source>width</source>
      <translation>breedte</translation>
    </message>
    <message>
      <source>depth</source>
      <translation>diepte</translation>
    </message>
    <message>
      <source>Sieve (mm)</source>
      <translation>Zeef (mm)</translation>
    </message>
    <message>
      <source>Sieved (kg)</source>
      <translation>Gezeefd (kg)</translation>
    </message>
    <message>
      <source>Suspect (g)</source>
      <translation>Verdacht (g)</translation>
    </message>
    <message>
      <source>Suspect material</source>
      <translation>Verdacht materiaal</translation>
    </message>
    <message>
      <source>NEN 5707 inspection</source>
      <translation>NEN 5707-inspectie</translation>
    </message>
    <message>
      <source>Add layer</source>
      <translation>Laag toevoegen</translation>
    </message>
    <message>
      <source>Kind of inspection</source>
      <translation>Soort inspectie</translation>
    </message>
    <message>
      <source>Length (m)</source>
      <translation>Lengte (m)</translation>
    </message>
    <message>
      <source>Width (m)</source>
      <translation>Breedte (m)</translation>
    </message>
    <message>
      <source>Depth (m)</source>
      <translation>Diepte (m)</translation>
    </message>
    <message>
      <source>Suspect material on the surface</source>
      <translation>Verdacht materiaal op het maaiveld</translation>
    </message>
    <message>
      <source>Its weight (g)</source>
      <translation>Gewicht daarvan (g)</translation>
    </message>
    <message>
      <source>Type a number, e.g. 0,5.</source>
      <translation>Typ een getal, bijv. 0,5.</translation>
    </message>
    <message>
      <source>Sieved layers</source>
      <translation>Gezeefde lagen</translation>
    </message>
    <message>
      <source>{w}: '{v}' is not a number.</source>
      <translation>{w}: '{v}' is geen getal.</translation>
    </message>
    <message>
      <source>Layer {n}</source>
      <translation>Laag {n}</translation>
    </message>
    <message>
      <source>Fill in the row, or empty it.</source>
      <translation>Vul de rij in, of maak haar leeg.</translation>
    </message>
    <message>
      <source>Depth</source>
      <translation>Diepte</translation>
    </message>
    <message>
      <source>Weight</source>
      <translation>Gewicht</translation>
    </message>
    <message>
      <source>At borehole {b}</source>
      <translation>Bij boring {b}</translation>
    </message>
    <message>
      <source>{w}: from, to, sieve and weight sieved are needed.</source>
      <translation>{w}: van, tot, zeef en gezeefd gewicht zijn nodig.</translation>
    </message>
    <message>
      <source>Length</source>
      <translation>Lengte</translation>
    </message>
    <message>
      <source>Width</source>
      <translation>Breedte</translation>
    </message>
    <message>
      <source>being packed</source>
      <translation>wordt ingepakt</translation>
    </message>
    <message>
      <source>on its way</source>
      <translation>onderweg</translation>
    </message>
    <message>
      <source>{coc} · {lab} · {n} · {state}</source>
      <translation>{coc} · {lab} · {n} · {state}</translation>
    </message>
    <message>
      <source>received {when}</source>
      <translation>ontvangen {when}</translation>
    </message>
    <message>
      <source>Project {code} · {name}</source>
      <translation>Project {code} · {name}</translation>
    </message>
    <message>
      <source>Project {code}</source>
      <translation>Project {code}</translation>
    </message>
    <message>
      <source>COC number {coc} is used in {n} projects. Which project's form came with this cooler? Pick it below.</source>
      <translation>COC-nummer {coc} komt voor in {n} projecten. Bij welk project hoort het formulier in deze koelbox? Kies het hieronder.</translation>
    </message>
    <message>
      <source>Lab intake</source>
      <translation>Ontvangst lab</translation>
    </message>
    <message>
      <source>Receive a cooler: pick its shipment, or scan the square code on its COC form (every page), or type the COC number and press Enter.</source>
      <translation>Koelbox ontvangen: kies de zending, of scan de vierkante code op het COC-formulier (elke pagina), of typ het COC-nummer en druk op Enter.</translation>
    </message>
    <message>
      <source>COC manifest code or COC number</source>
      <translation>Manifestcode of nummer van de COC</translation>
    </message>
    <message>
      <source>Open intake</source>
      <translation>Ontvangst openen</translation>
    </message>
    <message>
      <source>This project has no shipments; scan the COC form or type its number.</source>
      <translation>Dit project heeft geen zendingen; scan het COC-formulier of typ het nummer.</translation>
    </message>
    <message>
      <source>Pick a shipment, or scan the COC form.</source>
      <translation>Kies een zending, of scan het COC-formulier.</translation>
    </message>
    <message>
      <source>No project selected</source>
      <translation>Geen project gekozen</translation>
    </message>
    <message>
      <source>Shipments of {p}</source>
      <translation>Zendingen van {p}</translation>
    </message>
    <message>
      <source>Cooler</source>
      <translation>Koelbox</translation>
    </message>
    <message>
      <source>Received by</source>
      <translation>Ontvangen door</translation>
    </message>
    <message>
      <source>Received at</source>
      <translation>Ontvangen om</translation>
    </message>
    <message>
      <source>only when the time is changed: why</source>
      <translation>alleen als de tijd is gewijzigd: waarom</translation>
    </message>
    <message>
      <source>Reason for the time</source>
      <translation>Reden voor de tijd</translation>
    </message>
    <message>
      <source>°C, e.g. 4,2</source>
      <translation>°C, bijv. 4,2</translation>
    </message>
    <message>
      <source>Add reading</source>
      <translation>Meting toevoegen</translation>
    </message>
    <message>
      <source>Clear</source>
      <translation>Wissen</translation>
    </message>
    <message>
      <source>Temperature</source>
      <translation>Temperatuur</translation>
    </message>
    <message>
      <source>Seal number</source>
      <translation>Zegelnummer</translation>
    </message>
    <message>
      <source>Seal as found</source>
      <translation>Zegel bij ontvangst</translation>
    </message>
    <message>
      <source>name, when, what they decided</source>
      <translation>naam, wanneer, wat besloten is</translation>
    </message>
    <message>
      <source>Customer consulted</source>
      <translation>Opdrachtgever geraadpleegd</translation>
    </message>
    <message>
      <source>number on the seal</source>
      <translation>nummer op de zegel</translation>
    </message>
    <message>
      <source>lab accepts {lo} to {hi} °C</source>
      <translation>lab accepteert {lo} tot {hi} °C</translation>
    </message>
    <message>
      <source>OUT OF RANGE</source>
      <translation>BUITEN BEREIK</translation>
    </message>
    <message>
      <source>within range</source>
      <translation>binnen bereik</translation>
    </message>
    <message>
      <source>COC says {seal}</source>
      <translation>COC vermeldt {seal}</translation>
    </message>
    <message>
      <source>No reading yet ({accepted}).</source>
      <translation>Nog geen meting ({accepted}).</translation>
    </message>
    <message>
      <source>Readings {readings} °C; mean {mean} °C: {verdict} ({accepted}).</source>
      <translation>Metingen {readings} °C; gemiddeld {mean} °C: {verdict} ({accepted}).</translation>
    </message>
    <message>
      <source>FieldApp intake - which cooler?</source>
      <translation>FieldApp ontvangst - welke koelbox?</translation>
    </message>
    <message>
      <source>Scan the square code on the COC form (every page), or type the COC number and press Enter.</source>
      <translation>Scan de vierkante code op het COC-formulier (elke pagina), of typ het COC-nummer en druk op Enter.</translation>
    </message>
    <message>
      <source>COC {coc}: manifest page(s) {read} of {n} read; scan the other pages.</source>
      <translation>COC {coc}: manifestpagina('s) {read} van {n} gelezen; scan de andere pagina's.</translation>
    </message>
    <message>
      <source>Receive a cooler</source>
      <translation>Koelbox ontvangen</translation>
    </message>
    <message>
      <source>Time</source>
      <translation>Tijd</translation>
    </message>
    <message>
      <source>Sample</source>
      <translation>Monster</translation>
    </message>
    <message>
      <source>Outcome</source>
      <translation>Uitkomst</translation>
    </message>
    <message>
      <source>Scan a container label here</source>
      <translation>Scan hier een etiket van een pot/fles</translation>
    </message>
    <message>
      <source>Expected</source>
      <translation>Verwacht</translation>
    </message>
    <message>
      <source>Received</source>
      <translation>Ontvangen</translation>
    </message>
    <message>
      <source>Missing</source>
      <translation>Ontbreekt</translation>
    </message>
    <message>
      <source>Unexpected</source>
      <translation>Onverwacht</translation>
    </message>
    <message>
      <source>Damaged</source>
      <translation>Beschadigd</translation>
    </message>
    <message>
      <source>Out of holding time</source>
      <translation>Buiten houdbaarheid</translation>
    </message>
    <message>
      <source>Scanned twice</source>
      <translation>Dubbel gescand</translation>
    </message>
    <message>
      <source>Plug it in and open the intake again, or scan into the field with a keyboard scanner.</source>
      <translation>Sluit hem aan en open de ontvangst opnieuw, of scan met een toetsenbordscanner in het veld.</translation>
    </message>
    <message>
      <source>Damaged (F2)</source>
      <translation>Beschadigd (F2)</translation>
    </message>
    <message>
      <source>Mark the container scanned last as damaged: it is rejected with that reason</source>
      <translation>Markeer de laatst gescande pot/fles als beschadigd: hij wordt met die reden afgekeurd</translation>
    </message>
    <message>
      <source>Still missing</source>
      <translation>Nog niet gescand</translation>
    </message>
    <message>
      <source>Set apart</source>
      <translation>Apart gezet</translation>
    </message>
    <message>
      <source>Scan log</source>
      <translation>Scanlog</translation>
    </message>
    <message>
      <source>Close receipt and write report</source>
      <translation>Ontvangst afsluiten en rapport maken</translation>
    </message>
    <message>
      <source>Ready</source>
      <translation>Gereed</translation>
    </message>
    <message>
      <source>Scan the first container. Fill in the cooler's temperature and seal on the left.</source>
      <translation>Scan de eerste pot/fles. Vul links de temperatuur en het zegel van de koelbox in.</translation>
    </message>
    <message>
      <source>from the COC manifest (not in this database)</source>
      <translation>volgens het COC-manifest (niet in deze database)</translation>
    </message>
    <message>
      <source>SCANNER STOPPED</source>
      <translation>SCANNER GESTOPT</translation>
    </message>
    <message>
      <source>No deviations so far.</source>
      <translation>Tot nu toe geen afwijkingen.</translation>
    </message>
    <message>
      <source>RECEIPT CLOSED</source>
      <translation>ONTVANGST AFGESLOTEN</translation>
    </message>
    <message>
      <source>RECEIPT IS CLOSED</source>
      <translation>ONTVANGST IS AFGESLOTEN</translation>
    </message>
    <message>
      <source>Receive cooler {coc}</source>
      <translation>Koelbox {coc} ontvangen</translation>
    </message>
    <message>
      <source>{n} expected · {source}</source>
      <translation>{n} verwacht · {source}</translation>
    </message>
    <message>
      <source>FieldApp intake - COC {coc}</source>
      <translation>FieldApp ontvangst - COC {coc}</translation>
    </message>
    <message>
      <source>NOT SAVED</source>
      <translation>NIET OPGESLAGEN</translation>
    </message>
    <message>
      <source>Set apart ({n})</source>
      <translation>Apart gezet ({n})</translation>
    </message>
    <message>
      <source>Closed now, the receipt would record {n} ({listed}).</source>
      <translation>Bij afsluiten nu legt de ontvangst {n} vast ({listed}).</translation>
    </message>
    <message>
      <source>NOT CLOSED</source>
      <translation>NIET AFGESLOTEN</translation>
    </message>
    <message>
      <source>COC {coc} was received on {when}; scans are not recorded.</source>
      <translation>COC {coc} is ontvangen op {when}; scans worden niet vastgelegd.</translation>
    </message>
    <message>
      <source>Take {code}</source>
      <translation>{code} nemen</translation>
    </message>
    <message>
      <source>{n} recorded. Report: {path}</source>
      <translation>{n} vastgelegd. Rapport: {path}</translation>
    </message>
    <message>
      <source>RECEIVED</source>
      <translation>ONTVANGEN</translation>
    </message>
    <message>
      <source>RECEIVED - OUT OF HOLDING TIME</source>
      <translation>ONTVANGEN - BUITEN HOUDBAARHEID</translation>
    </message>
    <message>
      <source>ALREADY SCANNED</source>
      <translation>AL GESCAND</translation>
    </message>
    <message>
      <source>UNKNOWN CODE - SET APART</source>
      <translation>ONBEKENDE CODE - APART ZETTEN</translation>
    </message>
    <message>
      <source>WRONG COOLER - SET APART</source>
      <translation>VERKEERDE KOELBOX - APART ZETTEN</translation>
    </message>
    <message>
      <source>NOT ON THIS COC - SET APART</source>
      <translation>NIET OP DEZE COC - APART ZETTEN</translation>
    </message>
    <message>
      <source>RECEIVED BEFORE - SET APART</source>
      <translation>EERDER ONTVANGEN - APART ZETTEN</translation>
    </message>
    <message>
      <source>WRONG KEYBOARD LAYOUT?</source>
      <translation>VERKEERDE TOETSENBORDINDELING?</translation>
    </message>
    <message>
      <source>NOT A CONTAINER CODE</source>
      <translation>GEEN CODE VAN EEN POT/FLES</translation>
    </message>
    <message>
      <source>COC MANIFEST READ</source>
      <translation>COC-MANIFEST GELEZEN</translation>
    </message>
    <message>
      <source>DAMAGED - REJECTED</source>
      <translation>BESCHADIGD - AFGEKEURD</translation>
    </message>
    <message>
      <source>The {f} '{v}' has {n} characters; at most {m} fit the lab's form.</source>
      <translation>Het {f} '{v}' heeft {n} tekens; er passen er hoogstens {m} op het formulier van het lab.</translation>
    </message>
    <message>
      <source>The {f} '{v}' has characters a lab number does not have.</source>
      <translation>Het {f} '{v}' bevat tekens die een labnummer niet heeft.</translation>
    </message>
    <message>
      <source>'{v}' is not an e-mail address.</source>
      <translation>'{v}' is geen e-mailadres.</translation>
    </message>
    <message>
      <source>An urgent order needs the number of working days.</source>
      <translation>Een spoedopdracht heeft het aantal werkdagen nodig.</translation>
    </message>
    <message>
      <source>The name to send results to has {n} characters; at most {m} fit the form.</source>
      <translation>De naam voor de uitslag heeft {n} tekens; er passen er hoogstens {m} op het formulier.</translation>
    </message>
    <message>
      <source>Shipment {c} has already been handed over with its form.</source>
      <translation>Zending {c} is al met het formulier overgedragen.</translation>
    </message>
    <message>
      <source>Give the {f} as the lab writes it.</source>
      <translation>Geef het {f} zoals het lab het schrijft.</translation>
    </message>
    <message>
      <source>Use letters, digits, '.', '/', '_' or '-', without spaces.</source>
      <translation>Gebruik letters, cijfers, '.', '/', '_' of '-', zonder spaties.</translation>
    </message>
    <message>
      <source>Give the address the lab sends the results to, e.g. naam@bureau.nl.</source>
      <translation>Geef het adres waar het lab de uitslag naartoe stuurt, bijv. naam@bureau.nl.</translation>
    </message>
    <message>
      <source>Say within how many working days the results are needed, e.g. 2.</source>
      <translation>Geef aan binnen hoeveel werkdagen de uitslag nodig is, bijv. 2.</translation>
    </message>
    <message>
      <source>Tell the lab of a change in writing; the order on record stays as sent.</source>
      <translation>Meld een wijziging schriftelijk aan het lab; de opdracht blijft vastgelegd zoals verzonden.</translation>
    </message>
    <message>
      <source>client number</source>
      <translation>klantnummer</translation>
    </message>
    <message>
      <source>quotation number</source>
      <translation>offertenummer</translation>
    </message>
    <message>
      <source>e.g. naam@bureau.nl</source>
      <translation>bijv. naam@bureau.nl</translation>
    </message>
    <message>
      <source>not said</source>
      <translation>niet opgegeven</translation>
    </message>
    <message>
      <source> working days</source>
      <translation> werkdagen</translation>
    </message>
    <message>
      <source>Client number</source>
      <translation>Klantnummer</translation>
    </message>
    <message>
      <source>Quotation number</source>
      <translation>Offertenummer</translation>
    </message>
    <message>
      <source>Results to</source>
      <translation>Uitslag naar</translation>
    </message>
    <message>
      <source>Results e-mail</source>
      <translation>E-mail uitslag</translation>
    </message>
    <message>
      <source>Turnaround</source>
      <translation>Doorlooptijd</translation>
    </message>
    <message>
      <source>Turnaround in</source>
      <translation>Doorlooptijd in</translation>
    </message>
    <message>
      <source>AS3000 required</source>
      <translation>AS3000 vereist</translation>
    </message>
    <message>
      <source>normal</source>
      <translation>normaal</translation>
    </message>
    <message>
      <source>urgent</source>
      <translation>spoed</translation>
    </message>
    <message>
      <source>yes</source>
      <translation>ja</translation>
    </message>
    <message>
      <source>no</source>
      <translation>nee</translation>
    </message>
    <message>
      <source>Lab order of {c}</source>
      <translation>Laboratoriumopdracht van {c}</translation>
    </message>
    <message>
      <source>NEN 5104 code, e.g. Zs1h2</source>
      <translation>NEN 5104-code, bijv. Zs1h2</translation>
    </message>
    <message>
      <source>(admixture)</source>
      <translation>(bijmenging)</translation>
    </message>
    <message>
      <source>e.g. donkerbruin</source>
      <translation>bijv. donkerbruin</translation>
    </message>
    <message>
      <source>Soil code</source>
      <translation>Grondsoort (code)</translation>
    </message>
    <message>
      <source>Soil from lists</source>
      <translation>Grondsoort uit lijsten</translation>
    </message>
    <message>
      <source>Colour</source>
      <translation>Kleur</translation>
    </message>
    <message>
      <source>Median</source>
      <translation>Mediaan</translation>
    </message>
    <message>
      <source>Component</source>
      <translation>Bestanddeel</translation>
    </message>
    <message>
      <source>Smell</source>
      <translation>Geur</translation>
    </message>
    <message>
      <source>Oil-water reaction</source>
      <translation>Olie-waterreactie</translation>
    </message>
    <message>
      <source>Admixture</source>
      <translation>Antropogene bijmenging</translation>
    </message>
    <message>
      <source>Save layer</source>
      <translation>Laag opslaan</translation>
    </message>
    <message>
      <source>Save this layer and start the next one (Enter or Ctrl+N)</source>
      <translation>Sla deze laag op en begin de volgende (Enter of Ctrl+N)</translation>
    </message>
    <message>
      <source>Delete layer</source>
      <translation>Laag verwijderen</translation>
    </message>
    <message>
      <source>New layer</source>
      <translation>Nieuwe laag</translation>
    </message>
    <message>
      <source>Save changes</source>
      <translation>Wijzigingen opslaan</translation>
    </message>
    <message>
      <source>(main type)</source>
      <translation>(hoofdgrondsoort)</translation>
    </message>
    <message>
      <source>(shade)</source>
      <translation>(kleursterkte)</translation>
    </message>
    <message>
      <source>(secondary colour)</source>
      <translation>(bijkleur)</translation>
    </message>
    <message>
      <source>(sand median)</source>
      <translation>(zandmediaan)</translation>
    </message>
    <message>
      <source>(gravel median)</source>
      <translation>(grindmediaan)</translation>
    </message>
    <message>
      <source>Select or add a borehole to log its layers.</source>
      <translation>Kies of maak een boring om de lagen te beschrijven.</translation>
    </message>
    <message>
      <source>The layer {what} of borehole {c} is not saved yet.</source>
      <translation>De laag {what} van boring {c} is nog niet opgeslagen.</translation>
    </message>
    <message>
      <source>Soil (NEN 5104)</source>
      <translation>Grondsoort (NEN 5104)</translation>
    </message>
    <message>
      <source>Admixtures</source>
      <translation>Bijmengingen</translation>
    </message>
    <message>
      <source>not a NEN 5104 code yet</source>
      <translation>nog geen NEN 5104-code</translation>
    </message>
    <message>
      <source>{a}–{b} m</source>
      <translation>{a}–{b} m</translation>
    </message>
    <message>
      <source>The changes to layer {what} of borehole {c} are not saved yet.</source>
      <translation>De wijzigingen in laag {what} van boring {c} zijn nog niet opgeslagen.</translation>
    </message>
    <message>
      <source>Layers of {c}</source>
      <translation>Lagen van {c}</translation>
    </message>
    <message>
      <source>from {a} m</source>
      <translation>vanaf {a} m</translation>
    </message>
    <message>
      <source>to {b} m</source>
      <translation>tot {b} m</translation>
    </message>
    <message>
      <source>measured</source>
      <translation>ingemeten</translation>
    </message>
    <message>
      <source>planned</source>
      <translation>gepland</translation>
    </message>
    <message>
      <source>Projects</source>
      <translation>Projecten</translation>
    </message>
    <message>
      <source>Overview</source>
      <translation>Overzicht</translation>
    </message>
    <message>
      <source>Layers</source>
      <translation>Lagen</translation>
    </message>
    <message>
      <source>Samples</source>
      <translation>Monsters</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>Position class</source>
      <translation>Plaatsbepaling</translation>
    </message>
    <message>
      <source>Projects ({n})</source>
      <translation>Projecten ({n})</translation>
    </message>
    <message>
      <source>Boreholes: no projects in this database yet</source>
      <translation>Boringen: nog geen projecten in deze database</translation>
    </message>
    <message>
      <source>Boreholes of {p} ({n}, {m} measured)</source>
      <translation>Boringen van {p} ({n}, {m} ingemeten)</translation>
    </message>
    <message>
      <source>no measured position</source>
      <translation>geen ingemeten positie</translation>
    </message>
    <message>
      <source>Containers</source>
      <translation>Potjes</translation>
    </message>
    <message>
      <source>Select a borehole to see its layers and samples.</source>
      <translation>Kies een boring om de lagen en monsters te zien.</translation>
    </message>
    <message>
      <source>position not yet measured</source>
      <translation>positie nog niet ingemeten</translation>
    </message>
    <message>
      <source>no groundwater recorded</source>
      <translation>geen grondwater vastgelegd</translation>
    </message>
    <message>
      <source>Analyses</source>
      <translation>Analyses</translation>
    </message>
    <message>
      <source>Barcode</source>
      <translation>Barcode</translation>
    </message>
    <message>
      <source>Type</source>
      <translation>Soort</translation>
    </message>
    <message>
      <source>Material</source>
      <translation>Materiaal</translation>
    </message>
    <message>
      <source>Volume</source>
      <translation>Inhoud</translation>
    </message>
    <message>
      <source>final depth {d} m</source>
      <translation>einddiepte {d} m</translation>
    </message>
    <message>
      <source>Layers of {c} ({n})</source>
      <translation>Lagen van {c} ({n})</translation>
    </message>
    <message>
      <source>Samples from {c} ({n})</source>
      <translation>Monsters uit {c} ({n})</translation>
    </message>
    <message>
      <source>groundwater {d} m</source>
      <translation>grondwater {d} m</translation>
    </message>
    <message>
      <source>Containers of {c} ({n})</source>
      <translation>Potjes van {c} ({n})</translation>
    </message>
    <message>
      <source>measured {lat} N, {lon} E</source>
      <translation>ingemeten {lat} NB, {lon} OL</translation>
    </message>
    <message>
      <source>{w} already signed the PFAS checklist for {d}.</source>
      <translation>{w} heeft de PFAS-checklist voor {d} al getekend.</translation>
    </message>
    <message>
      <source>One signature per fieldworker per day is enough.</source>
      <translation>Eén handtekening per veldwerker per dag is genoeg.</translation>
    </message>
    <message>
      <source>PFAS checklist: fieldworker is empty.</source>
      <translation>PFAS-checklist: de veldwerker is niet ingevuld.</translation>
    </message>
    <message>
      <source>Fill in the fieldworker.</source>
      <translation>Vul de veldwerker in.</translation>
    </message>
    <message>
      <source>Day</source>
      <translation>Dag</translation>
    </message>
    <message>
      <source>Fieldworker</source>
      <translation>Veldwerker</translation>
    </message>
    <message>
      <source>Sign</source>
      <translation>Tekenen</translation>
    </message>
    <message>
      <source>I checked today, before sampling for PFAS:</source>
      <translation>Ik heb vandaag, voor de PFAS-bemonstering, gecontroleerd:</translation>
    </message>
    <message>
      <source>PFAS checklist of {p}</source>
      <translation>PFAS-checklist van {p}</translation>
    </message>
    <message>
      <source>Photos</source>
      <translation>Foto's</translation>
    </message>
    <message>
      <source>What the photo shows</source>
      <translation>Waar de foto van is</translation>
    </message>
    <message>
      <source>Caption</source>
      <translation>Bijschrift</translation>
    </message>
    <message>
      <source>Add photo…</source>
      <translation>Foto toevoegen…</translation>
    </message>
    <message>
      <source>Camera…</source>
      <translation>Camera…</translation>
    </message>
    <message>
      <source>The site</source>
      <translation>De locatie</translation>
    </message>
    <message>
      <source>no position</source>
      <translation>geen positie</translation>
    </message>
    <message>
      <source>Add photo</source>
      <translation>Foto toevoegen</translation>
    </message>
    <message>
      <source>Borehole {c}</source>
      <translation>Boring {c}</translation>
    </message>
    <message>
      <source>{lat} N, {lon} E</source>
      <translation>{lat} NB, {lon} OL</translation>
    </message>
    <message>
      <source>Photos ({n})</source>
      <translation>Foto's ({n})</translation>
    </message>
    <message>
      <source>Layer {a}–{b} m</source>
      <translation>Laag {a}–{b} m</translation>
    </message>
    <message>
      <source>Sample {c}</source>
      <translation>Monster {c}</translation>
    </message>
    <message>
      <source>{c} (not fetched yet)</source>
      <translation>{c} (nog niet opgehaald)</translation>
    </message>
    <message>
      <source>Averaging is running</source>
      <translation>Middeling loopt</translation>
    </message>
    <message>
      <source>Keep averaging</source>
      <translation>Doorgaan met middelen</translation>
    </message>
    <message>
      <source>Confirm the position</source>
      <translation>Positie bevestigen</translation>
    </message>
    <message>
      <source>e.g. moved 6 m east: cable in the planned spot</source>
      <translation>bijv. 6 m naar het oosten verplaatst: kabel op de geplande plek</translation>
    </message>
    <message>
      <source>Save it anyway? Give the reason; it is kept with the borehole.</source>
      <translation>Toch opslaan? Geef de reden; die wordt bij de boring bewaard.</translation>
    </message>
    <message>
      <source>Save with this reason</source>
      <translation>Opslaan met deze reden</translation>
    </message>
    <message>
      <source>Take the position again</source>
      <translation>Positie opnieuw bepalen</translation>
    </message>
    <message>
      <source>Save with the average so far</source>
      <translation>Opslaan met het gemiddelde tot nu toe</translation>
    </message>
    <message>
      <source>Averaging has not taken a fix yet.</source>
      <translation>De middeling heeft nog geen fix.</translation>
    </message>
    <message>
      <source>Save without a position</source>
      <translation>Opslaan zonder positie</translation>
    </message>
    <message>
      <source>Save the borehole without a position (it stays planned), or keep averaging?</source>
      <translation>De boring opslaan zonder positie (ze blijft gepland), of doorgaan met middelen?</translation>
    </message>
    <message>
      <source>A planned borehole is saved with its measured position: keep averaging until there is a fix.</source>
      <translation>Een geplande boring wordt opgeslagen met haar gemeten positie: middel door tot er een fix is.</translation>
    </message>
    <message>
      <source>Averaging is still running: {n} of {goal} taken.</source>
      <translation>De middeling loopt nog: {n} van {goal} genomen.</translation>
    </message>
    <message>
      <source>Save the borehole with the average of {n} taken so far, or keep averaging until the target is met?</source>
      <translation>De boring opslaan met het gemiddelde van {n} tot nu toe, of doorgaan tot het doel bereikt is?</translation>
    </message>
    <message>
      <source>The position is {d} m from the planned location (more than {limit} m).</source>
      <translation>De positie ligt {d} m van de geplande locatie (meer dan {limit} m).</translation>
    </message>
    <message>
      <source>Its positioning class {have} is below the project's required class {need}.</source>
      <translation>De plaatsbepalingsklasse {have} is lager dan de vereiste klasse {need} van het project.</translation>
    </message>
    <message>
      <source>(none fits)</source>
      <translation>(geen past)</translation>
    </message>
    <message>
      <source>Print COC</source>
      <translation>COC afdrukken</translation>
    </message>
    <message>
      <source>Shipment (COC number)</source>
      <translation>Zending (COC-nummer)</translation>
    </message>
    <message>
      <source>Project {p} has no shipments yet.</source>
      <translation>Project {p} heeft nog geen zendingen.</translation>
    </message>
    <message>
      <source>Sample {s} has no containers yet.</source>
      <translation>Monster {s} heeft nog geen monsterpotten.</translation>
    </message>
    <message>
      <source>First free label on a part-used sheet, counted along the rows</source>
      <translation>Eerste vrije etiket op een deels gebruikt vel, geteld langs de rijen</translation>
    </message>
    <message>
      <source>tcp:HOST[:PORT] or serial:PORT[@BAUD]</source>
      <translation>tcp:HOST[:POORT] of serial:POORT[@BAUD]</translation>
    </message>
    <message>
      <source>Send to Zebra</source>
      <translation>Naar Zebra sturen</translation>
    </message>
    <message>
      <source>Print…</source>
      <translation>Afdrukken…</translation>
    </message>
    <message>
      <source>Save PDF…</source>
      <translation>PDF opslaan…</translation>
    </message>
    <message>
      <source>Preparing the pages…</source>
      <translation>Pagina's voorbereiden…</translation>
    </message>
    <message>
      <source>Printing…</source>
      <translation>Afdrukken…</translation>
    </message>
    <message>
      <source>Save PDF</source>
      <translation>PDF opslaan</translation>
    </message>
    <message>
      <source>Print labels</source>
      <translation>Etiketten afdrukken</translation>
    </message>
    <message>
      <source>Layout</source>
      <translation>Opmaak</translation>
    </message>
    <message>
      <source>Start at label</source>
      <translation>Beginnen bij etiket</translation>
    </message>
    <message>
      <source>Zebra printer</source>
      <translation>Zebra-printer</translation>
    </message>
    <message>
      <source>Cancelling…</source>
      <translation>Annuleren…</translation>
    </message>
    <message>
      <source>Cancelled: nothing was printed or saved. Change the layout or start position to prepare the pages again.</source>
      <translation>Geannuleerd: er is niets afgedrukt of opgeslagen. Wijzig de lay-out of startpositie om de pagina's opnieuw voor te bereiden.</translation>
    </message>
    <message>
      <source>Give the Zebra printer as tcp:HOST[:PORT] or serial:PORT[@BAUD].</source>
      <translation>Geef de Zebra-printer op als tcp:HOST[:POORT] of serial:POORT[@BAUD].</translation>
    </message>
    <message>
      <source>COC {c}: {n}</source>
      <translation>COC {c}: {n}</translation>
    </message>
    <message>
      <source>{what}, page {w:.1f} × {h:.1f} mm, printed at 100 %</source>
      <translation>{what}, pagina {w:.1f} × {h:.1f} mm, afgedrukt op 100 %</translation>
    </message>
    <message>
      <source>{n} sent to {p}.</source>
      <translation>{n} naar {p} gestuurd.</translation>
    </message>
    <message>
      <source>Saved {p}.</source>
      <translation>{p} opgeslagen.</translation>
    </message>
    <message>
      <source>Sending to {p}…</source>
      <translation>Versturen naar {p}…</translation>
    </message>
    <message>
      <source>{n}.</source>
      <translation>{n}.</translation>
    </message>
    <message>
      <source>{n} pages; the first {k} are shown.</source>
      <translation>{n} pagina's; de eerste {k} worden getoond.</translation>
    </message>
    <message>
      <source>Sending to {p}… {done} of {total}</source>
      <translation>Versturen naar {p}… {done} van {total}</translation>
    </message>
    <message>
      <source>e.g. 2026-0142</source>
      <translation>bijv. 2026-0142</translation>
    </message>
    <message>
      <source>Import…</source>
      <translation>Importeren…</translation>
    </message>
    <message>
      <source>A polygon from GeoJSON, GeoPackage or WKT, in RD or latitude/longitude</source>
      <translation>Een polygoon uit GeoJSON, GeoPackage of WKT, in RD of lengte/breedte</translation>
    </message>
    <message>
      <source>From boreholes</source>
      <translation>Uit boringen</translation>
    </message>
    <message>
      <source>The outline around the project's boreholes, 1 m beyond each</source>
      <translation>De omtrek om de boringen van het project, 1 m buiten elke boring</translation>
    </message>
    <message>
      <source>(none)</source>
      <translation>(geen)</translation>
    </message>
    <message>
      <source>Project code</source>
      <translation>Projectcode</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Naam</translation>
    </message>
    <message>
      <source>Client</source>
      <translation>Opdrachtgever</translation>
    </message>
    <message>
      <source>Site address</source>
      <translation>Adres van de locatie</translation>
    </message>
    <message>
      <source>Start date</source>
      <translation>Startdatum</translation>
    </message>
    <message>
      <source>End date</source>
      <translation>Einddatum</translation>
    </message>
    <message>
      <source>Required positioning class</source>
      <translation>Vereiste plaatsbepalingsklasse</translation>
    </message>
    <message>
      <source>Contractor</source>
      <translation>Opdrachtnemer</translation>
    </message>
    <message>
      <source>KvK number</source>
      <translation>KvK-nummer</translation>
    </message>
    <message>
      <source>Procescertificaat</source>
      <translation>Procescertificaat</translation>
    </message>
    <message>
      <source>Investigation type</source>
      <translation>Type onderzoek</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>Aanleiding</translation>
    </message>
    <message>
      <source>Strategy (NEN 5740)</source>
      <translation>Strategie (NEN 5740)</translation>
    </message>
    <message>
      <source>Phase</source>
      <translation>Fase</translation>
    </message>
    <message>
      <source>Competent authority</source>
      <translation>Bevoegd gezag</translation>
    </message>
    <message>
      <source>Asbestos</source>
      <translation>Asbest</translation>
    </message>
    <message>
      <source>Report number</source>
      <translation>Rapportnummer</translation>
    </message>
    <message>
      <source>Site contour</source>
      <translation>Locatiecontour</translation>
    </message>
    <message>
      <source>Project details</source>
      <translation>Projectgegevens</translation>
    </message>
    <message>
      <source>New project</source>
      <translation>Nieuw project</translation>
    </message>
    <message>
      <source>YYYY-MM-DD</source>
      <translation>JJJJ-MM-DD</translation>
    </message>
    <message>
      <source>Project</source>
      <translation>Project</translation>
    </message>
    <message>
      <source>Investigation</source>
      <translation>Onderzoek</translation>
    </message>
    <message>
      <source>Create project</source>
      <translation>Project maken</translation>
    </message>
    <message>
      <source>{n} vertices, {a} ha</source>
      <translation>{n} hoekpunten, {a} ha</translation>
    </message>
    <message>
      <source>GeoJSON, GeoPackage or WKT</source>
      <translation>GeoJSON, GeoPackage of WKT</translation>
    </message>
    <message>
      <source>{value} (withdrawn)</source>
      <translation>{value} (vervallen)</translation>
    </message>
    <message>
      <source>'{v}' is not a date.</source>
      <translation>'{v}' is geen datum.</translation>
    </message>
    <message>
      <source>'{v}' has been withdrawn from the list.</source>
      <translation>'{v}' is vervallen op de lijst.</translation>
    </message>
    <message>
      <source>'{v}' is not on the list.</source>
      <translation>'{v}' staat niet op de lijst.</translation>
    </message>
    <message>
      <source>The WKT polygon is malformed (brackets or coordinates).</source>
      <translation>De WKT-polygoon is onjuist opgebouwd (haakjes of coördinaten).</translation>
    </message>
    <message>
      <source>'{v}' is not a WKT polygon.</source>
      <translation>'{v}' is geen WKT-polygoon.</translation>
    </message>
    <message>
      <source>{f} holds no polygon.</source>
      <translation>{f} bevat geen polygoon.</translation>
    </message>
    <message>
      <source>{f} holds {n} polygons; a project has one site contour.</source>
      <translation>{f} bevat {n} polygonen; een project heeft één locatiecontour.</translation>
    </message>
    <message>
      <source>The contour crosses itself near {p}.</source>
      <translation>De contour snijdt zichzelf bij {p}.</translation>
    </message>
    <message>
      <source>The vertex {p} is not in RD New (EPSG:28992) in the Netherlands.</source>
      <translation>Het hoekpunt {p} ligt niet in RD (EPSG:28992) in Nederland.</translation>
    </message>
    <message>
      <source>The contour has {n} distinct vertices.</source>
      <translation>De contour heeft {n} verschillende hoekpunten.</translation>
    </message>
    <message>
      <source>The contour has no area (under 1 m²).</source>
      <translation>De contour heeft geen oppervlak (minder dan 1 m²).</translation>
    </message>
    <message>
      <source>Hole {n} of the contour lies outside it.</source>
      <translation>Gat {n} van de contour ligt erbuiten.</translation>
    </message>
    <message>
      <source>The contour is in EPSG:{n}, which FieldApp does not convert.</source>
      <translation>De contour is in EPSG:{n}; dat zet FieldApp niet om.</translation>
    </message>
    <message>
      <source>{f}: FieldApp reads a contour from GeoJSON, GeoPackage or WKT, not '{s}' files.</source>
      <translation>{f}: FieldApp leest een contour uit GeoJSON, GeoPackage of WKT, niet uit '{s}'-bestanden.</translation>
    </message>
    <message>
      <source>{f} does not exist.</source>
      <translation>{f} bestaat niet.</translation>
    </message>
    <message>
      <source>{f} is not valid JSON ({d}).</source>
      <translation>{f} is geen geldige JSON ({d}).</translation>
    </message>
    <message>
      <source>{f} is not a GeoPackage ({d}).</source>
      <translation>{f} is geen GeoPackage ({d}).</translation>
    </message>
    <message>
      <source>{f} holds a geometry of type {n}, not a polygon.</source>
      <translation>{f} bevat een geometrie van type {n}, geen polygoon.</translation>
    </message>
    <message>
      <source>{f} holds a damaged geometry.</source>
      <translation>{f} bevat een beschadigde geometrie.</translation>
    </message>
    <message>
      <source>The GeoJSON names the coordinate system '{v}', which FieldApp does not know.</source>
      <translation>De GeoJSON noemt het coördinatenstelsel '{v}'; dat kent FieldApp niet.</translation>
    </message>
    <message>
      <source>The project has {n} boreholes with a position, not three or more off one line.</source>
      <translation>Het project heeft {n} boringen met een positie, niet drie of meer die niet op één lijn liggen.</translation>
    </message>
    <message>
      <source>The project has 1 borehole with a position, not three or more off one line.</source>
      <translation>Het project heeft 1 boring met een positie, niet drie of meer die niet op één lijn liggen.</translation>
    </message>
    <message>
      <source>Write it as YYYY-MM-DD, e.g. 2026-03-14.</source>
      <translation>Schrijf JJJJ-MM-DD, bijv. 2026-03-14.</translation>
    </message>
    <message>
      <source>Choose a current value from the list.</source>
      <translation>Kies een geldige waarde uit de lijst.</translation>
    </message>
    <message>
      <source>Enter the first field day that has been worked, not a planned one.</source>
      <translation>Vul de eerste veldwerkdag in die gewerkt is, geen geplande.</translation>
    </message>
    <message>
      <source>Check both dates: the end date is the last field day.</source>
      <translation>Controleer beide datums: de einddatum is de laatste veldwerkdag.</translation>
    </message>
    <message>
      <source>Shorten it to {n} characters, as the SIKB0101 file takes it.</source>
      <translation>Kort het in tot {n} tekens, zoals het SIKB0101-bestand het opneemt.</translation>
    </message>
    <message>
      <source>Copy the 8-digit number from the contractor's KvK extract (uittreksel).</source>
      <translation>Neem het nummer van 8 cijfers over van het KvK-uittreksel van de opdrachtnemer.</translation>
    </message>
    <message>
      <source>Correct the polygon in your GIS and import it again.</source>
      <translation>Verbeter de polygoon in uw GIS en importeer hem opnieuw.</translation>
    </message>
    <message>
      <source>Export the contour again as GeoJSON, GeoPackage or WKT.</source>
      <translation>Exporteer de contour opnieuw als GeoJSON, GeoPackage of WKT.</translation>
    </message>
    <message>
      <source>Export it in RD (EPSG:28992) or in longitude/latitude (EPSG:4326).</source>
      <translation>Exporteer hem in RD (EPSG:28992) of in lengte/breedte (EPSG:4326).</translation>
    </message>
    <message>
      <source>Export the contour as .geojson, .gpkg or .wkt.</source>
      <translation>Exporteer de contour als .geojson, .gpkg of .wkt.</translation>
    </message>
    <message>
      <source>Keep one polygon, or merge them into one in your GIS first.</source>
      <translation>Houd één polygoon over, of voeg ze eerst samen in uw GIS.</translation>
    </message>
    <message>
      <source>Choose the contour file again.</source>
      <translation>Kies het contourbestand opnieuw.</translation>
    </message>
    <message>
      <source>A polygon needs at least three vertices off one line.</source>
      <translation>Een polygoon heeft ten minste drie hoekpunten nodig die niet op één lijn liggen.</translation>
    </message>
    <message>
      <source>Measure or plan at least three boreholes first, or import the contour from a file.</source>
      <translation>Meet of plan eerst ten minste drie boringen, of importeer de contour uit een bestand.</translation>
    </message>
    <message>
      <source>Write it as 'POLYGON ((x y, x y, ...))'.</source>
      <translation>Schrijf 'POLYGON ((x y, x y, ...))'.</translation>
    </message>
    <message>
      <source>Check that the file holds longitude/latitude in the Netherlands.</source>
      <translation>Controleer of het bestand lengte/breedte in Nederland bevat.</translation>
    </message>
    <message>
      <source>EC</source>
      <translation>EGV</translation>
    </message>
    <message>
      <source>pH</source>
      <translation>pH</translation>
    </message>
    <message>
      <source>Turbidity</source>
      <translation>Troebelheid</translation>
    </message>
    <message>
      <source>O2</source>
      <translation>O2</translation>
    </message>
    <message>
      <source>purge volume (l)</source>
      <translation>afgepompt volume (l)</translation>
    </message>
    <message>
      <source>× well volume</source>
      <translation>× putvolume</translation>
    </message>
    <message>
      <source>stop rule met</source>
      <translation>stopcriterium bereikt</translation>
    </message>
    <message>
      <source>No readings yet: type the first reading below.</source>
      <translation>Nog geen metingen: typ hieronder de eerste meting.</translation>
    </message>
    <message>
      <source>OK</source>
      <translation>OK</translation>
    </message>
    <message>
      <source>analyses, separated by ';'</source>
      <translation>analyses, gescheiden door ';'</translation>
    </message>
    <message>
      <source>When the sample was taken; holding times count from it</source>
      <translation>Wanneer het monster is genomen; de conserveringstermijn telt vanaf dit moment</translation>
    </message>
    <message>
      <source>Sample code</source>
      <translation>Monstercode</translation>
    </message>
    <message>
      <source>Kind</source>
      <translation>Soort monster</translation>
    </message>
    <message>
      <source>Sampled at</source>
      <translation>Bemonsterd op</translation>
    </message>
    <message>
      <source>Taken by</source>
      <translation>Genomen door</translation>
    </message>
    <message>
      <source>Set sampling time</source>
      <translation>Bemonsteringstijd opslaan</translation>
    </message>
    <message>
      <source>Store the sampling time above for this sample</source>
      <translation>De bemonsteringstijd hierboven voor dit monster opslaan</translation>
    </message>
    <message>
      <source>Save sample</source>
      <translation>Monster opslaan</translation>
    </message>
    <message>
      <source>ml</source>
      <translation>ml</translation>
    </message>
    <message>
      <source>scan the label, or type it and press Enter</source>
      <translation>scan het etiket, of typ de code en druk op Enter</translation>
    </message>
    <message>
      <source>New code</source>
      <translation>Nieuwe code</translation>
    </message>
    <message>
      <source>Add a container with a newly generated barcode</source>
      <translation>Voeg een potje toe met een nieuw aangemaakte barcode</translation>
    </message>
    <message>
      <source>Volume (ml)</source>
      <translation>Inhoud (ml)</translation>
    </message>
    <message>
      <source>Reopen a saved sample of this borehole</source>
      <translation>Een opgeslagen monster van deze boring heropenen</translation>
    </message>
    <message>
      <source>Reopen</source>
      <translation>Heropenen</translation>
    </message>
    <message>
      <source>Void container…</source>
      <translation>Potje vervallen verklaren…</translation>
    </message>
    <message>
      <source>The selected container was scanned by mistake</source>
      <translation>Het gekozen potje is per ongeluk gescand</translation>
    </message>
    <message>
      <source>Void container</source>
      <translation>Potje vervallen verklaren</translation>
    </message>
    <message>
      <source>Intervals (borehole, from, to)</source>
      <translation>Trajecten (boring, van, tot)</translation>
    </message>
    <message>
      <source>Save a sample first, then scan its containers.</source>
      <translation>Sla eerst een monster op en scan dan de potjes.</translation>
    </message>
    <message>
      <source>scanned by mistake</source>
      <translation>per ongeluk gescand</translation>
    </message>
    <message>
      <source>Container, volume</source>
      <translation>Verpakking, inhoud</translation>
    </message>
    <message>
      <source>Select the container to void in the list first.</source>
      <translation>Kies eerst in de lijst het potje dat vervalt.</translation>
    </message>
    <message>
      <source>Why is {b} void? (e.g. scanned by mistake)</source>
      <translation>Waarom vervalt {b}? (bijv. per ongeluk gescand)</translation>
    </message>
    <message>
      <source>Containers of {c}</source>
      <translation>Potjes van {c}</translation>
    </message>
    <message>
      <source>from (m)</source>
      <translation>van (m)</translation>
    </message>
    <message>
      <source>to (m)</source>
      <translation>tot (m)</translation>
    </message>
    <message>
      <source>The sample {s} of borehole {c} is not saved yet.</source>
      <translation>Het monster {s} van boring {c} is nog niet opgeslagen.</translation>
    </message>
    <message>
      <source>The sample {s} is not saved yet.</source>
      <translation>Het monster {s} is nog niet opgeslagen.</translation>
    </message>
    <message>
      <source>GNSS port</source>
      <translation>GNSS-poort</translation>
    </message>
    <message>
      <source>Baud rate</source>
      <translation>Baudrate</translation>
    </message>
    <message>
      <source>Average at most (fixes)</source>
      <translation>Middelen over hoogstens (fixes)</translation>
    </message>
    <message>
      <source>Average at most (seconds, 0 = no limit)</source>
      <translation>Middelen hoogstens (seconden, 0 = geen grens)</translation>
    </message>
    <message>
      <source>Antenna height above ground</source>
      <translation>Antennehoogte boven maaiveld</translation>
    </message>
    <message>
      <source>SIKB application code</source>
      <translation>SIKB-applicatienummer</translation>
    </message>
    <message>
      <source>SIKB supplier code</source>
      <translation>SIKB-leveranciersnummer</translation>
    </message>
    <message>
      <source>Language</source>
      <translation>Taal</translation>
    </message>
    <message>
      <source>Theme</source>
      <translation>Weergave</translation>
    </message>
    <message>
      <source>Settings</source>
      <translation>Instellingen</translation>
    </message>
    <message>
      <source>Check them under Settings before you record anything.</source>
      <translation>Controleer ze onder Instellingen voordat u iets vastlegt.</translation>
    </message>
    <message>
      <source>auto-detect</source>
      <translation>automatisch zoeken</translation>
    </message>
    <message>
      <source>training: replay a recorded log</source>
      <translation>oefenen: een opgenomen log afspelen</translation>
    </message>
    <message>
      <source>Choose a log…</source>
      <translation>Kies een log…</translation>
    </message>
    <message>
      <source>not set</source>
      <translation>niet ingesteld</translation>
    </message>
    <message>
      <source>system language</source>
      <translation>taal van het systeem</translation>
    </message>
    <message>
      <source>sunlight (high contrast)</source>
      <translation>zonlicht (hoog contrast)</translation>
    </message>
    <message>
      <source>Language and theme change as soon as the settings are saved.</source>
      <translation>Taal en thema veranderen zodra de instellingen zijn opgeslagen.</translation>
    </message>
    <message>
      <source>Save settings</source>
      <translation>Instellingen opslaan</translation>
    </message>
    <message>
      <source>Recorded NMEA log</source>
      <translation>Opgenomen NMEA-log</translation>
    </message>
    <message>
      <source>Some settings in {file} could not be read and are back at their defaults: {names}.</source>
      <translation>Enkele instellingen in {file} waren niet te lezen en staan weer op hun standaardwaarde: {names}.</translation>
    </message>
    <message>
      <source>The settings file {file} is damaged: FieldApp starts with its default settings. The damaged file is kept as {copy}.</source>
      <translation>Het instellingenbestand {file} is beschadigd: FieldApp start met de standaardinstellingen. Het beschadigde bestand is bewaard als {copy}.</translation>
    </message>
    <message>
      <source>no holding time</source>
      <translation>geen termijn</translation>
    </message>
    <message>
      <source>sampling time unknown</source>
      <translation>bemonsteringstijd onbekend</translation>
    </message>
    <message>
      <source>packing</source>
      <translation>wordt ingepakt</translation>
    </message>
    <message>
      <source>sealed</source>
      <translation>verzegeld</translation>
    </message>
    <message>
      <source>handed over</source>
      <translation>overgedragen</translation>
    </message>
    <message>
      <source>received</source>
      <translation>ontvangen</translation>
    </message>
    <message>
      <source>scan a container's label, or type it and press Enter</source>
      <translation>scan het etiket van een potje, of typ het en druk op Enter</translation>
    </message>
    <message>
      <source>Seal</source>
      <translation>Verzegelen</translation>
    </message>
    <message>
      <source>courier or lab employee</source>
      <translation>koerier of medewerker van het lab</translation>
    </message>
    <message>
      <source>Hand over</source>
      <translation>Overdragen</translation>
    </message>
    <message>
      <source>Print COC…</source>
      <translation>COC afdrukken…</translation>
    </message>
    <message>
      <source>Lab order…</source>
      <translation>Laboratoriumopdracht…</translation>
    </message>
    <message>
      <source>Client number, quotation, results to, turnaround and AS3000 for the lab</source>
      <translation>Klantnummer, offerte, uitslag naar, doorlooptijd en AS3000 voor het lab</translation>
    </message>
    <message>
      <source>Take out…</source>
      <translation>Uitnemen…</translation>
    </message>
    <message>
      <source>Take the selected container out of this cooler</source>
      <translation>Het gekozen potje uit deze koelbox halen</translation>
    </message>
    <message>
      <source>Scan container</source>
      <translation>Potje scannen</translation>
    </message>
    <message>
      <source>Handed to</source>
      <translation>Overgedragen aan</translation>
    </message>
    <message>
      <source>At</source>
      <translation>Op</translation>
    </message>
    <message>
      <source>Take out of the cooler</source>
      <translation>Uit de koelbox halen</translation>
    </message>
    <message>
      <source>{d} d {h} h</source>
      <translation>{d} d {h} u</translation>
    </message>
    <message>
      <source>{h} h</source>
      <translation>{h} u</translation>
    </message>
    <message>
      <source>overdue {t}</source>
      <translation>{t} te laat</translation>
    </message>
    <message>
      <source>Create or pick a shipment.</source>
      <translation>Maak of kies een zending.</translation>
    </message>
    <message>
      <source>Sampled</source>
      <translation>Bemonsterd</translation>
    </message>
    <message>
      <source>Holding time until</source>
      <translation>Houdbaar tot</translation>
    </message>
    <message>
      <source>Left</source>
      <translation>Resterend</translation>
    </message>
    <message>
      <source>{c} to {lab}: {state}, {n}</source>
      <translation>{c} naar {lab}: {state}, {n}</translation>
    </message>
    <message>
      <source>Select a container in the list first.</source>
      <translation>Kies eerst een potje in de lijst.</translation>
    </message>
    <message>
      <source>Why does {b} come out of {c}?</source>
      <translation>Waarom gaat {b} uit {c}?</translation>
    </message>
    <message>
      <source>Say to whom the cooler is handed over.</source>
      <translation>Vul in aan wie de koelbox wordt overgedragen.</translation>
    </message>
    <message>
      <source>Holding time ends within 24 h or has ended for: {b}</source>
      <translation>Conserveringstermijn eindigt binnen 24 u of is verstreken voor: {b}</translation>
    </message>
    <message>
      <source>no holding time for {a}</source>
      <translation>geen conserveringstermijn voor {a}</translation>
    </message>
    <message>
      <source>{h} h for {a}</source>
      <translation>{h} u voor {a}</translation>
    </message>
    <message>
      <source>lab name</source>
      <translation>naam van het lab</translation>
    </message>
    <message>
      <source>New shipment</source>
      <translation>Nieuwe zending</translation>
    </message>
    <message>
      <source>Lab</source>
      <translation>Lab</translation>
    </message>
    <message>
      <source>Shipments</source>
      <translation>Zendingen</translation>
    </message>
    <message>
      <source>COC</source>
      <translation>COC</translation>
    </message>
    <message>
      <source>State</source>
      <translation>Stand</translation>
    </message>
    <message>
      <source>The name is empty.</source>
      <translation>De naam is leeg.</translation>
    </message>
    <message>
      <source>Fill in the name.</source>
      <translation>Vul de naam in.</translation>
    </message>
    <message>
      <source>{n}: an experienced fieldworker has a Bodem+ registration number.</source>
      <translation>{n}: een ervaren veldwerker heeft een registratienummer bij Bodem+.</translation>
    </message>
    <message>
      <source>Give the registration number, or register the person as an assistant.</source>
      <translation>Vul het registratienummer in, of registreer de persoon als assistent.</translation>
    </message>
    <message>
      <source>'{t}' is not a BRL SIKB 2000 protocol number.</source>
      <translation>'{t}' is geen protocolnummer van BRL SIKB 2000.</translation>
    </message>
    <message>
      <source>Give protocol numbers of four digits, e.g. 2001, 2002, 2018.</source>
      <translation>Geef protocolnummers van vier cijfers, bijv. 2001, 2002, 2018.</translation>
    </message>
    <message>
      <source>'{t}' is not a date.</source>
      <translation>'{t}' is geen datum.</translation>
    </message>
    <message>
      <source>Give it as YYYY-MM-DD.</source>
      <translation>Geef die als JJJJ-MM-DD.</translation>
    </message>
    <message>
      <source>A field day on {d} is already recorded for this project.</source>
      <translation>Voor {d} is in dit project al een veldwerkdag vastgelegd.</translation>
    </message>
    <message>
      <source>Open that field day and change it.</source>
      <translation>Open die veldwerkdag en wijzig hem.</translation>
    </message>
    <message>
      <source>Staff register</source>
      <translation>Personeelsregister</translation>
    </message>
    <message>
      <source>Bodem+ registration, e.g. BBK-2001-04172</source>
      <translation>registratie Bodem+, bijv. BBK-2001-04172</translation>
    </message>
    <message>
      <source>e.g. 2001, 2002</source>
      <translation>bijv. 2001, 2002</translation>
    </message>
    <message>
      <source>Role</source>
      <translation>Rol</translation>
    </message>
    <message>
      <source>Registration number</source>
      <translation>Registratienummer</translation>
    </message>
    <message>
      <source>Protocols</source>
      <translation>Protocollen</translation>
    </message>
    <message>
      <source>Valid until</source>
      <translation>Geldig tot</translation>
    </message>
    <message>
      <source>the project's site unless given</source>
      <translation>de locatie van het project, tenzij ingevuld</translation>
    </message>
    <message>
      <source>e.g. dry, cloudy, 9 °C</source>
      <translation>bijv. droog, bewolkt, 9 °C</translation>
    </message>
    <message>
      <source>protocols beyond what the work shows, e.g. 2018</source>
      <translation>protocollen naast wat uit het werk blijkt, bijv. 2018</translation>
    </message>
    <message>
      <source>Site</source>
      <translation>Locatie</translation>
    </message>
    <message>
      <source>Weather</source>
      <translation>Weer</translation>
    </message>
    <message>
      <source>Present</source>
      <translation>Aanwezig</translation>
    </message>
    <message>
      <source>Field days of project {p}</source>
      <translation>Veldwerkdagen van project {p}</translation>
    </message>
    <message>
      <source>Work without a field day: {days}.</source>
      <translation>Werk zonder veldwerkdag: {days}.</translation>
    </message>
    <message>
      <source>experienced fieldworker</source>
      <translation>ervaren veldwerker</translation>
    </message>
    <message>
      <source>assistant</source>
      <translation>assistent</translation>
    </message>
    <message>
      <source>projectleader</source>
      <translation>projectleider</translation>
    </message>
    <message>
      <source>Who did the work (staff register); empty: not recorded</source>
      <translation>Wie het werk deed (personeelsregister); leeg: niet vastgelegd</translation>
    </message>
    <message>
      <source>(not recorded)</source>
      <translation>(niet vastgelegd)</translation>
    </message>
    <message>
      <source>Enrol with hub</source>
      <translation>Aanmelden bij de hub</translation>
    </message>
    <message>
      <source>Ask the hub's administrator for its address and a one-time enrolment code.</source>
      <translation>Vraag de beheerder van de hub om het adres en een eenmalige aanmeldcode.</translation>
    </message>
    <message>
      <source>http://hub.example:8750</source>
      <translation>http://hub.example:8750</translation>
    </message>
    <message>
      <source>one-time code</source>
      <translation>eenmalige code</translation>
    </message>
    <message>
      <source>Hub address</source>
      <translation>Adres van de hub</translation>
    </message>
    <message>
      <source>Enrolment code</source>
      <translation>Aanmeldcode</translation>
    </message>
    <message>
      <source>Enrol</source>
      <translation>Aanmelden</translation>
    </message>
    <message>
      <source>Enrolling…</source>
      <translation>Bezig met aanmelden…</translation>
    </message>
    <message>
      <source>sampler</source>
      <translation>monsternemer</translation>
    </message>
    <message>
      <source>laboratory</source>
      <translation>laboratorium</translation>
    </message>
    <message>
      <source>coordinator</source>
      <translation>coördinator</translation>
    </message>
    <message>
      <source>This device is not enrolled yet.</source>
      <translation>Dit apparaat is nog niet aangemeld.</translation>
    </message>
    <message>
      <source>Give the hub's address.</source>
      <translation>Vul het adres van de hub in.</translation>
    </message>
    <message>
      <source>Give the one-time enrolment code.</source>
      <translation>Vul de eenmalige aanmeldcode in.</translation>
    </message>
    <message>
      <source>Not enrolled: {reason}</source>
      <translation>Niet aangemeld: {reason}</translation>
    </message>
    <message>
      <source>This device is enrolled as {role}.</source>
      <translation>Dit apparaat is aangemeld als {role}.</translation>
    </message>
    <message>
      <source>Sync cancelled: what was sent or received is kept; the rest follows next time.</source>
      <translation>Synchronisatie geannuleerd: wat verzonden of ontvangen is blijft bewaard; de rest volgt de volgende keer.</translation>
    </message>
    <message>
      <source>Sync now</source>
      <translation>Nu synchroniseren</translation>
    </message>
    <message>
      <source>Send this device's changes to the hub and fetch the others'</source>
      <translation>De wijzigingen van dit apparaat naar de hub sturen en die van de anderen ophalen</translation>
    </message>
    <message>
      <source>Enrol with hub…</source>
      <translation>Aanmelden bij hub…</translation>
    </message>
    <message>
      <source>Conflicts…</source>
      <translation>Conflicten…</translation>
    </message>
    <message>
      <source>Stop syncing after the batch in hand; the rest follows next time</source>
      <translation>Stop met synchroniseren na de lopende partij; de rest volgt de volgende keer</translation>
    </message>
    <message>
      <source>1 change pending</source>
      <translation>1 wijziging te verzenden</translation>
    </message>
    <message>
      <source>never synced</source>
      <translation>nooit gesynchroniseerd</translation>
    </message>
    <message>
      <source>Changes pending: records made or changed on this device that no hub has received yet (a new demo project counts in full).</source>
      <translation>Wachtende wijzigingen: gegevens die op dit apparaat gemaakt of gewijzigd zijn en die nog geen hub heeft ontvangen (een nieuw demoproject telt volledig mee).</translation>
    </message>
    <message>
      <source>sending %v of %m</source>
      <translation>verzenden %v van %m</translation>
    </message>
    <message>
      <source>not enrolled with a hub</source>
      <translation>niet aangemeld bij een hub</translation>
    </message>
    <message>
      <source>Clock warning: set this device's clock</source>
      <translation>Klokwaarschuwing: zet de klok van dit apparaat goed</translation>
    </message>
    <message>
      <source>receiving</source>
      <translation>ontvangen</translation>
    </message>
    <message>
      <source>{n} changes pending</source>
      <translation>{n} wijzigingen te verzenden</translation>
    </message>
    <message>
      <source>last sync {t}</source>
      <translation>laatst gesynchroniseerd {t}</translation>
    </message>
    <message>
      <source>Sync cancelled</source>
      <translation>Synchronisatie geannuleerd</translation>
    </message>
    <message>
      <source>Syncing…</source>
      <translation>Bezig met synchroniseren…</translation>
    </message>
    <message>
      <source>Offline</source>
      <translation>Offline</translation>
    </message>
    <message>
      <source>Sync error: {reason}</source>
      <translation>Synchronisatiefout: {reason}</translation>
    </message>
    <message>
      <source>Working…</source>
      <translation>Bezig…</translation>
    </message>
    <message>
      <source>Cancelling… nothing half-written will be left.</source>
      <translation>Annuleren… er blijft niets half geschreven achter.</translation>
    </message>
    <message>
      <source>{label} {done} of {total}</source>
      <translation>{label} {done} van {total}</translation>
    </message>
    <message>
      <source>Could not undo or redo</source>
      <translation>Ongedaan maken of opnieuw doen lukte niet</translation>
    </message>
    <message>
      <source>The step is still in the undo history.</source>
      <translation>De stap staat nog in de geschiedenis voor ongedaan maken.</translation>
    </message>
    <message>
      <source>Undo</source>
      <translation>Ongedaan maken</translation>
    </message>
    <message>
      <source>Redo</source>
      <translation>Opnieuw</translation>
    </message>
    <message>
      <source>log layer {d}</source>
      <translation>laag {d} beschrijven</translation>
    </message>
    <message>
      <source>change layer {d}</source>
      <translation>laag {d} wijzigen</translation>
    </message>
    <message>
      <source>delete layer {d}</source>
      <translation>laag {d} verwijderen</translation>
    </message>
    <message>
      <source>add borehole {c}</source>
      <translation>boring {c} toevoegen</translation>
    </message>
    <message>
      <source>take sample {c}</source>
      <translation>monster {c} nemen</translation>
    </message>
    <message>
      <source>change sampling time of {c}</source>
      <translation>bemonsteringstijd van {c} wijzigen</translation>
    </message>
    <message>
      <source>scan container {b}</source>
      <translation>potje {b} scannen</translation>
    </message>
    <message>
      <source>void container {b}</source>
      <translation>potje {b} laten vervallen</translation>
    </message>
    <message>
      <source>new shipment {c}</source>
      <translation>nieuwe zending {c}</translation>
    </message>
    <message>
      <source>{n} containers</source>
      <translation>{n} potjes</translation>
    </message>
    <message>
      <source>pack {what} in {c}</source>
      <translation>{what} inpakken in {c}</translation>
    </message>
    <message>
      <source>take {what} out of {c}</source>
      <translation>{what} uit {c} halen</translation>
    </message>
    <message>
      <source>seal {c}</source>
      <translation>{c} verzegelen</translation>
    </message>
    <message>
      <source>hand over {c}</source>
      <translation>{c} overdragen</translation>
    </message>
    <message>
      <source>lab order of {c}</source>
      <translation>laboratoriumopdracht van {c}</translation>
    </message>
    <message>
      <source>remove reading at {v} l of {c}</source>
      <translation>meting bij {v} l van {c} verwijderen</translation>
    </message>
    <message>
      <source>change depths of {c}</source>
      <translation>dieptes van {c} wijzigen</translation>
    </message>
    <message>
      <source>change details of {c}</source>
      <translation>gegevens van {c} wijzigen</translation>
    </message>
    <message>
      <source>Undo {what}</source>
      <translation>{what} ongedaan maken</translation>
    </message>
    <message>
      <source>Redo {what}</source>
      <translation>{what} opnieuw doen</translation>
    </message>
    <message>
      <source>Not saved yet</source>
      <translation>Nog niet opgeslagen</translation>
    </message>
    <message>
      <source>Save it before going on?</source>
      <translation>Opslaan voordat u verdergaat?</translation>
    </message>
    <message>
      <source>Don't save</source>
      <translation>Niet opslaan</translation>
    </message>
    <message>
      <source>Saved. Nothing was undone: press Undo again to take back the last step.</source>
      <translation>Opgeslagen. Er is niets ongedaan gemaakt: druk nog eens op Ongedaan maken om de laatste stap terug te nemen.</translation>
    </message>
    <message>
      <source>Who is working?</source>
      <translation>Wie werkt er?</translation>
    </message>
    <message>
      <source>Your name goes on every record you make, on the COC and on receipts.</source>
      <translation>Uw naam komt bij alles wat u vastlegt, op de COC en op ontvangstbewijzen.</translation>
    </message>
    <message>
      <source>e.g. J. de Vries</source>
      <translation>bijv. J. de Vries</translation>
    </message>
    <message>
      <source>Could not save the settings: {e}</source>
      <translation>De instellingen konden niet worden opgeslagen: {e}</translation>
    </message>
    <message>
      <source>Filter (m below surface)</source>
      <translation>Filter (m-mv)</translation>
    </message>
    <message>
      <source>Filter gravel (m)</source>
      <translation>Omstorting (m)</translation>
    </message>
    <message>
      <source>Bentonite seal (m)</source>
      <translation>Bentonietafdichting (m)</translation>
    </message>
    <message>
      <source>Filter as imported: {top}–{bottom} m from the top of the tube (the file gives no tube height to put it below the surface).</source>
      <translation>Filter zoals ingelezen: {top}–{bottom} m t.o.v. bovenkant buis (het bestand geeft geen hoogte van de buis om het t.o.v. maaiveld te zetten).</translation>
    </message>
    <message>
      <source>Tube number: 1, or 2 and more for nested tubes in one hole</source>
      <translation>Buisnummer: 1, of 2 en hoger voor meerdere buizen in één boorgat</translation>
    </message>
    <message>
      <source>Depths</source>
      <translation>Diepten</translation>
    </message>
    <message>
      <source>Tube</source>
      <translation>Buis</translation>
    </message>
    <message>
      <source>m above surface, e.g. 0.80; -0.05 in a street pot</source>
      <translation>m boven maaiveld, bijv. 0,80; -0,05 in een straatpot</translation>
    </message>
    <message>
      <source>Top of pipe (m)</source>
      <translation>Bovenkant buis (m)</translation>
    </message>
    <message>
      <source>m NAP, e.g. 1.95</source>
      <translation>m NAP, bijv. 1,95</translation>
    </message>
    <message>
      <source>Top of pipe (m NAP)</source>
      <translation>Bovenkant buis (m NAP)</translation>
    </message>
    <message>
      <source>Pipe and filter</source>
      <translation>Buis en filter</translation>
    </message>
    <message>
      <source>mm, e.g. 32</source>
      <translation>mm, bijv. 32</translation>
    </message>
    <message>
      <source>Pipe diameter (mm)</source>
      <translation>Diameter buis (mm)</translation>
    </message>
    <message>
      <source>Pipe material</source>
      <translation>Materiaal buis</translation>
    </message>
    <message>
      <source>Filter diameter (mm)</source>
      <translation>Diameter filter (mm)</translation>
    </message>
    <message>
      <source>Filter material</source>
      <translation>Materiaal filter</translation>
    </message>
    <message>
      <source>mm, e.g. 0.3</source>
      <translation>mm, bijv. 0,3</translation>
    </message>
    <message>
      <source>Slot width (mm)</source>
      <translation>Spleetbreedte (mm)</translation>
    </message>
    <message>
      <source>Finish</source>
      <translation>Afwerking</translation>
    </message>
    <message>
      <source>YYYY-MM-DD HH:MM</source>
      <translation>JJJJ-MM-DD UU:MM</translation>
    </message>
    <message>
      <source>Placed at</source>
      <translation>Geplaatst op</translation>
    </message>
    <message>
      <source>how, e.g. pumped clear</source>
      <translation>hoe, bijv. helder gepompt</translation>
    </message>
    <message>
      <source>Developed</source>
      <translation>Ontwikkeld</translation>
    </message>
    <message>
      <source>minutes</source>
      <translation>minuten</translation>
    </message>
    <message>
      <source>Development time (min)</source>
      <translation>Duur ontwikkelen (min)</translation>
    </message>
    <message>
      <source>Save well</source>
      <translation>Peilbuis opslaan</translation>
    </message>
    <message>
      <source>Type digits only, e.g. 32.</source>
      <translation>Typ alleen cijfers, bijv. 32.</translation>
    </message>
    <message>
      <source>Filter as imported: {top}–{bottom} m relative to NAP (the file gives no surface level to put it below the surface).</source>
      <translation>Filter zoals ingelezen: {top}–{bottom} m t.o.v. NAP (het bestand geeft geen maaiveldhoogte om het t.o.v. maaiveld te zetten).</translation>
    </message>
    <message>
      <source>from, e.g. 2.00</source>
      <translation>van, bijv. 2,00</translation>
    </message>
    <message>
      <source>to, e.g. 3.00</source>
      <translation>tot, bijv. 3,00</translation>
    </message>
    <message>
      <source>The changes to well {w} are not saved yet.</source>
      <translation>De wijzigingen in peilbuis {w} zijn nog niet opgeslagen.</translation>
    </message>
    <message>
      <source>'{t}' is not a whole number.</source>
      <translation>'{t}' is geen geheel getal.</translation>
    </message>
    <message>
      <source>The well of borehole {c} is not saved yet.</source>
      <translation>De peilbuis van boring {c} is nog niet opgeslagen.</translation>
    </message>
    <message>
      <source>Well {code} saved: filter {top}–{bottom} m.</source>
      <translation>Peilbuis {code} opgeslagen: filter {top}–{bottom} m.</translation>
    </message>
    <message>
      <source>place well {c}</source>
      <translation>peilbuis {c} plaatsen</translation>
    </message>
    <message>
      <source>change well {c}</source>
      <translation>peilbuis {c} wijzigen</translation>
    </message>
    <message>
      <source>Volume (l)</source>
      <translation>Volume (l)</translation>
    </message>
    <message>
      <source>EC (µS/cm)</source>
      <translation>EGV (µS/cm)</translation>
    </message>
    <message>
      <source>T (°C)</source>
      <translation>T (°C)</translation>
    </message>
    <message>
      <source>Turbidity (NTU)</source>
      <translation>Troebelheid (NTU)</translation>
    </message>
    <message>
      <source>O2 (mg/l)</source>
      <translation>O2 (mg/l)</translation>
    </message>
    <message>
      <source>The stop rule was met at this reading</source>
      <translation>Bij deze meting werd het stopcriterium bereikt</translation>
    </message>
    <message>
      <source>Enter: next box; Enter in O2 or Ctrl+Enter records the reading; Delete removes the selected one.</source>
      <translation>Enter: volgend vak; Enter in O2 of Ctrl+Enter legt de meting vast; Delete verwijdert de gekozen meting.</translation>
    </message>
    <message>
      <source>Type digits with a decimal comma or point, e.g. 6,85.</source>
      <translation>Typ cijfers met een decimale komma of punt, bijv. 6,85.</translation>
    </message>
    <message>
      <source>The purged volume of the reading is empty.</source>
      <translation>Het afgepompte volume van de meting is leeg.</translation>
    </message>
    <message>
      <source>The reading has no measured value.</source>
      <translation>De meting heeft geen gemeten waarde.</translation>
    </message>
    <message>
      <source>'{t}' is not a number.</source>
      <translation>'{t}' is geen getal.</translation>
    </message>
    <message>
      <source>Give the litres purged when the reading was taken.</source>
      <translation>Geef de liters die bij de meting waren afgepompt.</translation>
    </message>
    <message>
      <source>Type at least one of EC, pH, T, turbidity or O2.</source>
      <translation>Typ ten minste één van EC, pH, T, troebelheid of O2.</translation>
    </message>
    <message>
      <source>YYYY-MM-DD HH:MM (empty: now)</source>
      <translation>JJJJ-MM-DD UU:MM (leeg: nu)</translation>
    </message>
    <message>
      <source>m below top of pipe</source>
      <translation>m onder bovenkant buis</translation>
    </message>
    <message>
      <source>m below surface</source>
      <translation>m-mv</translation>
    </message>
    <message>
      <source>ml/min</source>
      <translation>ml/min</translation>
    </message>
    <message>
      <source>Start round</source>
      <translation>Ronde beginnen</translation>
    </message>
    <message>
      <source>Field observations (BRO GAR)</source>
      <translation>Veldwaarnemingen (BRO GAR)</translation>
    </message>
    <message>
      <source>Finish purge</source>
      <translation>Voorpompen afronden</translation>
    </message>
    <message>
      <source>Store the stop rule met and end the purge</source>
      <translation>Legt het bereikte stopcriterium vast en beëindigt het voorpompen</translation>
    </message>
    <message>
      <source>Save round</source>
      <translation>Ronde opslaan</translation>
    </message>
    <message>
      <source>Well volume unknown: give the water level before purging</source>
      <translation>Putvolume onbekend: geef de grondwaterstand vóór het voorpompen</translation>
    </message>
    <message>
      <source>SLOW-RUNNING WELL</source>
      <translation>SLECHT LOPENDE PEILBUIS</translation>
    </message>
    <message>
      <source>No stop rule holds yet: keep purging and reading.</source>
      <translation>Nog geen stopcriterium bereikt: blijf pompen en meten.</translation>
    </message>
    <message>
      <source>No readings yet.</source>
      <translation>Nog geen metingen.</translation>
    </message>
    <message>
      <source>The reading at {v} l is not recorded yet.</source>
      <translation>De meting bij {v} l is nog niet vastgelegd.</translation>
    </message>
    <message>
      <source>Started at</source>
      <translation>Begonnen om</translation>
    </message>
    <message>
      <source>Level before purging (m)</source>
      <translation>Stand vóór voorpompen (m)</translation>
    </message>
    <message>
      <source>Pump</source>
      <translation>Pomp</translation>
    </message>
    <message>
      <source>Intake (m)</source>
      <translation>Aanzuigdiepte (m)</translation>
    </message>
    <message>
      <source>Flow (ml/min)</source>
      <translation>Debiet (ml/min)</translation>
    </message>
    <message>
      <source>Stop rule met at reading {n} ({l} l, {v} well volumes): {rule}. Purging may stop; take the sample.</source>
      <translation>Stopcriterium bereikt bij meting {n} ({l} l, {v} putvolumes): {rule}. Het voorpompen mag stoppen; neem het monster.</translation>
    </message>
    <message>
      <source>Sampling round of well {code}</source>
      <translation>Bemonsteringsronde van peilbuis {code}</translation>
    </message>
    <message>
      <source>Well volume {v} l (water column {c} m, pipe Ø {d} mm)</source>
      <translation>Putvolume {v} l (waterkolom {c} m, buis Ø {d} mm)</translation>
    </message>
    <message>
      <source>purged {l} l = {n} well volumes</source>
      <translation>{l} l afgepompt = {n} putvolumes</translation>
    </message>
    <message>
      <source>drawdown {d} m</source>
      <translation>verlaging {d} m</translation>
    </message>
    <message>
      <source>Reading at {v} l removed: Ctrl+Z puts it back.</source>
      <translation>Meting bij {v} l verwijderd: Ctrl+Z zet hem terug.</translation>
    </message>
    <message>
      <source>New sampling round</source>
      <translation>Nieuwe bemonsteringsronde</translation>
    </message>
    <message>
      <source>Open round</source>
      <translation>Ronde openen</translation>
    </message>
    <message>
      <source>Open the sampling round chosen in the list (the latest)</source>
      <translation>Opent de gekozen bemonsteringsronde uit de lijst (de laatste)</translation>
    </message>
    <message>
      <source>Sampling rounds</source>
      <translation>Bemonsteringsronden</translation>
    </message>
    <message>
      <source>Choose a borehole of kind peilbuis to record its well.</source>
      <translation>Kies een boring van het soort peilbuis om de peilbuis vast te leggen.</translation>
    </message>
    <message>
      <source>finished without a stop rule</source>
      <translation>afgerond zonder stopcriterium</translation>
    </message>
    <message>
      <source>purging</source>
      <translation>bezig met voorpompen</translation>
    </message>
    <message>
      <source>stop rule met: {rule}</source>
      <translation>stopcriterium bereikt: {rule}</translation>
    </message>
    <message>
      <source>Borehole {c} is not a monitoring well (peilbuis). Change its kind on the Position tab to record a well.</source>
      <translation>Boring {c} is geen peilbuis. Wijzig het soort op het tabblad Positie om een peilbuis vast te leggen.</translation>
    </message>
    <message>
      <source>Monitoring well {c}: how it is built, and its sampling rounds.</source>
      <translation>Peilbuis {c}: de opbouw en de bemonsteringsronden.</translation>
    </message>
    <message>
      <source>{v} {u} is not a plausible reading.</source>
      <translation>{v} {u} is geen aannemelijke meting.</translation>
    </message>
    <message>
      <source>Give a value from {a} to {b} {u}.</source>
      <translation>Geef een waarde van {a} tot {b} {u}.</translation>
    </message>
    <message>
      <source>'{v}' is not a height in metres.</source>
      <translation>'{v}' is geen hoogte in meters.</translation>
    </message>
    <message>
      <source>Type metres, e.g. 0.80 above or -0.05 below the surface.</source>
      <translation>Typ meters, bijv. 0,80 boven of -0,05 onder maaiveld.</translation>
    </message>
    <message>
      <source>{v} {u} is not plausible.</source>
      <translation>{v} {u} is niet aannemelijk.</translation>
    </message>
    <message>
      <source>Give whole {u} from {a} to {b}.</source>
      <translation>Geef hele {u} van {a} tot {b}.</translation>
    </message>
    <message>
      <source>A slot width of {v} mm is not plausible.</source>
      <translation>Een spleetbreedte van {v} mm is niet aannemelijk.</translation>
    </message>
    <message>
      <source>Give the slot width in mm, e.g. 0.3.</source>
      <translation>Geef de spleetbreedte in mm, bijv. 0,3.</translation>
    </message>
    <message>
      <source>This sampling round is finished; its readings are final.</source>
      <translation>Deze bemonsteringsronde is afgerond; de metingen liggen vast.</translation>
    </message>
    <message>
      <source>Start a new round to purge again.</source>
      <translation>Begin een nieuwe ronde om opnieuw voor te pompen.</translation>
    </message>
    <message>
      <source>&amp;File</source>
      <translation>&amp;Bestand</translation>
    </message>
    <message>
      <source>&amp;Edit</source>
      <translation>Be&amp;werken</translation>
    </message>
    <message>
      <source>F&amp;ield</source>
      <translation>&amp;Veld</translation>
    </message>
    <message>
      <source>&amp;Print</source>
      <translation>&amp;Afdrukken</translation>
    </message>
    <message>
      <source>&amp;Lab</source>
      <translation>&amp;Lab</translation>
    </message>
    <message>
      <source>&amp;Sync</source>
      <translation>&amp;Synchroniseren</translation>
    </message>
    <message>
      <source>&amp;Help</source>
      <translation>&amp;Help</translation>
    </message>
    <message>
      <source>New project…</source>
      <translation>Nieuw project…</translation>
    </message>
    <message>
      <source>Project details…</source>
      <translation>Projectgegevens…</translation>
    </message>
    <message>
      <source>Who is working…</source>
      <translation>Wie werkt er…</translation>
    </message>
    <message>
      <source>Export…</source>
      <translation>Exporteren…</translation>
    </message>
    <message>
      <source>Field report…</source>
      <translation>Veldwerkrapportage…</translation>
    </message>
    <message>
      <source>Settings…</source>
      <translation>Instellingen…</translation>
    </message>
    <message>
      <source>Quit</source>
      <translation>Afsluiten</translation>
    </message>
    <message>
      <source>New borehole here</source>
      <translation>Nieuwe boring hier</translation>
    </message>
    <message>
      <source>Check project…</source>
      <translation>Project controleren…</translation>
    </message>
    <message>
      <source>Analysis samples…</source>
      <translation>Analysemonsters…</translation>
    </message>
    <message>
      <source>Deviations…</source>
      <translation>Afwijkingen…</translation>
    </message>
    <message>
      <source>Field days…</source>
      <translation>Veldwerkdagen…</translation>
    </message>
    <message>
      <source>Staff register…</source>
      <translation>Personeelsregister…</translation>
    </message>
    <message>
      <source>PFAS checklist…</source>
      <translation>PFAS-checklist…</translation>
    </message>
    <message>
      <source>Asbestos suspicion…</source>
      <translation>Asbestverdenking…</translation>
    </message>
    <message>
      <source>Print labels…</source>
      <translation>Etiketten afdrukken…</translation>
    </message>
    <message>
      <source>Shipments…</source>
      <translation>Zendingen…</translation>
    </message>
    <message>
      <source>Lab intake…</source>
      <translation>Ontvangst lab…</translation>
    </message>
    <message>
      <source>Offline bundle…</source>
      <translation>Offline bundel…</translation>
    </message>
    <message>
      <source>Keyboard shortcuts</source>
      <translation>Sneltoetsen</translation>
    </message>
    <message>
      <source>Actions</source>
      <translation>Acties</translation>
    </message>
    <message>
      <source>Investigation type, strategy, bevoegd gezag, report number, contractor, site contour</source>
      <translation>Type onderzoek, strategie, bevoegd gezag, rapportnummer, opdrachtnemer, locatiecontour</translation>
    </message>
    <message>
      <source>Export the project: CSV, GeoJSON, GeoPackage, Excel, borehole logs, map</source>
      <translation>Het project exporteren: CSV, GeoJSON, GeoPackage, Excel, boorstaten, kaart</translation>
    </message>
    <message>
      <source>Import planned boreholes from a GIS, or a SIKB0101 investigation</source>
      <translation>Geplande boringen uit een GIS importeren, of een SIKB0101-onderzoek</translation>
    </message>
    <message>
      <source>The veldwerkrapportage of the project as a PDF: fieldworkers, days and weather, work done, deviations, the procescertificaat</source>
      <translation>De veldwerkrapportage van het project als PDF: veldwerkers, dagen en weer, uitgevoerd werk, afwijkingen, het procescertificaat</translation>
    </message>
    <message>
      <source>A new borehole at the receiver's position: starts averaging</source>
      <translation>Een nieuwe boring op de positie van de ontvanger: begint met middelen</translation>
    </message>
    <message>
      <source>Every rule the project's records break, with a jump to each</source>
      <translation>Elke regel die de gegevens van het project breken, met een sprong naar elk</translation>
    </message>
    <message>
      <source>Compose analysis samples (mengmonsters) of field samples, with a package</source>
      <translation>Analysemonsters (mengmonsters) samenstellen uit veldmonsters, met een pakket</translation>
    </message>
    <message>
      <source>The deviations (afwijkingen) recorded in the project: why, consequences, who decided</source>
      <translation>De afwijkingen die in het project zijn vastgelegd: waarom, gevolgen, wie besloot</translation>
    </message>
    <message>
      <source>Per day of field work: site, weather and who was there</source>
      <translation>Per dag veldwerk: locatie, weer en wie er waren</translation>
    </message>
    <message>
      <source>Fieldworkers and assistants with their Bodem+ registration and protocols</source>
      <translation>Veldwerkers en assistenten met hun registratie bij Bodem+ en protocollen</translation>
    </message>
    <message>
      <source>Pack, seal and hand over coolers of the selected project</source>
      <translation>Koelboxen van het gekozen project inpakken, verzegelen en overdragen</translation>
    </message>
    <message>
      <source>Receive a cooler: scan its containers against the COC</source>
      <translation>Koelbox ontvangen: potten en flessen scannen tegen de COC</translation>
    </message>
    <message>
      <source>Write the unsent changes to a signed file to carry to the hub</source>
      <translation>De niet verzonden wijzigingen in een ondertekend bestand schrijven om naar de hub te brengen</translation>
    </message>
    <message>
      <source>Version, database and settings folder</source>
      <translation>Versie, database en map met instellingen</translation>
    </message>
    <message>
      <source>Select a project to export first.</source>
      <translation>Kies eerst een project om te exporteren.</translation>
    </message>
    <message>
      <source>Looking for a GNSS receiver…</source>
      <translation>Zoeken naar een GNSS-ontvanger…</translation>
    </message>
    <message>
      <source>Demo project: %v of %m boreholes</source>
      <translation>Demoproject: %v van %m boringen</translation>
    </message>
    <message>
      <source>Boreholes: creating the demo project…</source>
      <translation>Boringen: het demoproject wordt gemaakt…</translation>
    </message>
    <message>
      <source>Creating the demo project…</source>
      <translation>Het demoproject wordt gemaakt…</translation>
    </message>
    <message>
      <source>No GNSS receiver found. Check the cable, or choose the port in Settings.</source>
      <translation>Geen GNSS-ontvanger gevonden. Controleer de kabel, of kies de poort bij Instellingen.</translation>
    </message>
    <message>
      <source>Demo project {p} created: {b} and {w}, {s}, {c}.</source>
      <translation>Demoproject {p} gemaakt: {b} en {w}, {s}, {c}.</translation>
    </message>
    <message>
      <source>Demo project {p} created: {b}, {s}, {c}.</source>
      <translation>Demoproject {p} gemaakt: {b}, {s}, {c}.</translation>
    </message>
    <message>
      <source>The demo project could not be created: {e}</source>
      <translation>Het demoproject kon niet worden gemaakt: {e}</translation>
    </message>
    <message>
      <source>GNSS receiver on {p} at {b} baud.</source>
      <translation>GNSS-ontvanger op {p} met {b} baud.</translation>
    </message>
    <message>
      <source>Well</source>
      <translation>Peilbuis</translation>
    </message>
    <message>
      <source>Avery L7651 A4 sheet, 65 labels of 38.1 x 21.2 mm (5 x 13)</source>
      <translation>Avery L7651 A4-vel, 65 etiketten van 38,1 x 21,2 mm (5 x 13)</translation>
    </message>
    <message>
      <source>Brother DK-22205 62 mm continuous roll, cut at 40 mm, 300 dpi</source>
      <translation>Brother DK-22205 doorlopende rol van 62 mm, afgesneden op 40 mm, 300 dpi</translation>
    </message>
    <message>
      <source>Brother DK-11209 62 x 29 mm die-cut labels, 300 dpi</source>
      <translation>Brother DK-11209 gestanste etiketten van 62 x 29 mm, 300 dpi</translation>
    </message>
    <message>
      <source>Zebra 2 x 1 inch thermal labels, 203 dpi</source>
      <translation>Zebra thermische etiketten van 2 x 1 inch, 203 dpi</translation>
    </message>
    <message>
      <source>Zebra 2 x 1 inch thermal labels, 300 dpi</source>
      <translation>Zebra thermische etiketten van 2 x 1 inch, 300 dpi</translation>
    </message>
  </context>
</TS>
