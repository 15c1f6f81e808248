export interface DemoTeam {
  id: string;
  name: string;
  /** Stadtbezirke this team patrols; every district belongs to exactly one team. */
  districts: readonly number[];
}

export const DEMO_TEAMS: readonly DemoTeam[] = [
  { id: 'team-nord', name: 'Außendienst Nord', districts: [3, 4, 10, 11, 12, 23, 24] },
  { id: 'team-ost', name: 'Außendienst Ost', districts: [1, 5, 13, 14, 15, 16] },
  { id: 'team-sued', name: 'Außendienst Süd', districts: [2, 6, 7, 17, 18, 19] },
  { id: 'team-west', name: 'Außendienst West', districts: [8, 9, 20, 21, 22, 25] },
];

/**
 * Given name and surname of each demo field officer, 180 of them (a city of Munich's size has
 * about 180–280). Surnames are distinct and plain ASCII, so `officer.<surname>` stays a unique,
 * readable username; the order is fixed because ids are derived from the position.
 */
export const OFFICER_NAMES: readonly (readonly [string, string])[] = [
  ['Maria', 'Huber'],
  ['Josef', 'Bauer'],
  ['Anna', 'Wagner'],
  ['Thomas', 'Maier'],
  ['Sabine', 'Schmid'],
  ['Michael', 'Gruber'],
  ['Katharina', 'Hofmann'],
  ['Andreas', 'Brunner'],
  ['Julia', 'Fischer'],
  ['Stefan', 'Weber'],
  ['Christina', 'Schneider'],
  ['Florian', 'Mayr'],
  ['Lena', 'Lechner'],
  ['Markus', 'Berger'],
  ['Theresa', 'Moser'],
  ['Sebastian', 'Kraus'],
  ['Veronika', 'Pichler'],
  ['Tobias', 'Wimmer'],
  ['Monika', 'Steiner'],
  ['Alexander', 'Lang'],
  ['Franziska', 'Winkler'],
  ['Johannes', 'Zimmermann'],
  ['Eva', 'Hartl'],
  ['Martin', 'Reiter'],
  // Since the field simulator: enough officers for a whole shift of the city.
  ['Laura', 'Schmidt'],
  ['Daniel', 'Meyer'],
  ['Sophie', 'Wolf'],
  ['Christian', 'Schulz'],
  ['Emre', 'Yilmaz'],
  ['Lisa', 'Koch'],
  ['Matthias', 'Richter'],
  ['Kathrin', 'Klein'],
  ['Benedikt', 'Schwarz'],
  ['Elif', 'Kaya'],
  ['Simone', 'Neumann'],
  ['Jürgen', 'Braun'],
  ['Claudia', 'Hartmann'],
  ['Maximilian', 'Krause'],
  ['Murat', 'Demir'],
  ['Birgit', 'Lehmann'],
  ['Lukas', 'Werner'],
  ['Stefanie', 'Schmitt'],
  ['Jörg', 'Walter'],
  ['Ayşe', 'Celik'],
  ['Nicole', 'Peters'],
  ['Dominik', 'Kaiser'],
  ['Andrea', 'Fuchs'],
  ['Bernhard', 'Scholz'],
  ['Can', 'Sahin'],
  ['Susanne', 'Lorenz'],
  ['Felix', 'Baumann'],
  ['Carina', 'Franke'],
  ['Wolfgang', 'Albrecht'],
  ['Zeynep', 'Aydin'],
  ['Melanie', 'Simon'],
  ['Korbinian', 'Ludwig'],
  ['Petra', 'Winter'],
  ['Quirin', 'Vogel'],
  ['Mehmet', 'Arslan'],
  ['Barbara', 'Haas'],
  ['Ludwig', 'Sommer'],
  ['Elisabeth', 'Graf'],
  ['Georg', 'Roth'],
  ['Selin', 'Dogan'],
  ['Regina', 'Heinrich'],
  ['Anton', 'Brandt'],
  ['Johanna', 'Dietrich'],
  ['Xaver', 'Ziegler'],
  ['Ivana', 'Kovacevic'],
  ['Verena', 'Kuhn'],
  ['Patrick', 'Pohl'],
  ['Magdalena', 'Engel'],
  ['Philipp', 'Horn'],
  ['Tomáš', 'Novak'],
  ['Tanja', 'Busch'],
  ['Benjamin', 'Bergmann'],
  ['Marion', 'Voigt'],
  ['Jonas', 'Sauer'],
  ['Marko', 'Horvat'],
  ['Ramona', 'Arnold'],
  ['Manuel', 'Pfeiffer'],
  ['Carolin', 'Ebert'],
  ['Fabian', 'Seidel'],
  ['Milica', 'Jovanovic'],
  ['Kerstin', 'Hahn'],
  ['Christoph', 'Kramer'],
  ['Martina', 'Stein'],
  ['Leonhard', 'Jung'],
  ['Nikola', 'Petrovic'],
  ['Ines', 'Hermann'],
  ['Robert', 'Schubert'],
  ['Gabriele', 'Vogt'],
  ['Hubert', 'Obermaier'],
  ['Katarzyna', 'Nowak'],
  ['Angelika', 'Niedermeier'],
  ['Kilian', 'Kellner'],
  ['Brigitte', 'Stadler'],
  ['Tim', 'Eder'],
  ['Piotr', 'Kowalski'],
  ['Ursula', 'Aigner'],
  ['Oliver', 'Hofer'],
  ['Heike', 'Wieser'],
  ['Thorsten', 'Holzer'],
  ['Tomasz', 'Wisniewski'],
  ['Nadine', 'Riedl'],
  ['Rupert', 'Forster'],
  ['Doris', 'Bichler'],
  ['Armin', 'Ertl'],
  ['Giulia', 'Rossi'],
  ['Silvia', 'Seitz'],
  ['Moritz', 'Rieder'],
  ['Jana', 'Geiger'],
  ['Peter', 'Haslinger'],
  ['Marco', 'Russo'],
  ['Sandra', 'Kirchner'],
  ['Uwe', 'Ostermeier'],
  ['Karin', 'Schuster'],
  ['Björn', 'Zeller'],
  ['Francesca', 'Esposito'],
  ['Bettina', 'Strobl'],
  ['Ralf', 'Widmann'],
  ['Anja', 'Fellner'],
  ['Sven', 'Plank'],
  ['Luca', 'Ferrari'],
  ['Miriam', 'Brandl'],
  ['Ferdinand', 'Schwaiger'],
  ['Isabella', 'Rauch'],
  ['Valentin', 'Heigl'],
  ['Andreea', 'Popescu'],
  ['Helga', 'Kastner'],
  ['Vinzenz', 'Rainer'],
  ['Rosa', 'Eichinger'],
  ['Konrad', 'Holzmann'],
  ['Mihai', 'Ionescu'],
  ['Irene', 'Stangl'],
  ['Leon', 'Pongratz'],
  ['Hannah', 'Hauser'],
  ['Noah', 'Lehner'],
  ['Dimitrios', 'Papadopoulos'],
  ['Paula', 'Wallner'],
  ['Elias', 'Sedlmair'],
  ['Emilia', 'Kiermaier'],
  ['Jakob', 'Hackl'],
  ['Eleni', 'Georgiou'],
  ['Marlene', 'Bachmaier'],
  ['Vitus', 'Kreuzer'],
  ['Agnes', 'Reindl'],
  ['Severin', 'Spitzer'],
  ['Lan', 'Nguyen'],
  ['Cornelia', 'Thaler'],
  ['Roman', 'Pointner'],
  ['Judith', 'Sturm'],
  ['Benno', 'Kopp'],
  ['Minh', 'Tran'],
  ['Rita', 'Amann'],
  ['Gregor', 'Nagl'],
  ['Lena', 'Pfister'],
  ['Paul', 'Dengler'],
  ['Arben', 'Krasniqi'],
  ['Sarah', 'Harrer'],
  ['Ulrich', 'Keller'],
  ['Tamara', 'Frank'],
  ['Herbert', 'Beck'],
  ['Drita', 'Berisha'],
  ['Nina', 'Lutz'],
  ['Klaus', 'Bock'],
  ['Luisa', 'Kurz'],
  ['Dieter', 'Hofbauer'],
  ['Ana', 'Silva'],
  ['Anke', 'Leitner'],
  ['Erwin', 'Sailer'],
  ['Hildegard', 'Zangl'],
  ['Kaspar', 'Hinterberger'],
  ['Pedro', 'Santos'],
  ['Renate', 'Kerscher'],
  ['Frieder', 'Gschwendtner'],
  ['Theresia', 'Baierl'],
  ['Alois', 'Lindl'],
  ['Lucía', 'Garcia'],
  ['Carlos', 'Martinez'],
];

export interface DemoOfficer {
  /** `officer-01`, `officer-02`, …, `officer-180`: the position in OFFICER_NAMES, 1-based. */
  id: string;
  username: string;
  displayName: string;
  teamId: string;
}

/** Lowercase ASCII for usernames: ä→ae, ö→oe, ü→ue, ß→ss, other accents dropped. */
export function asciiLower(text: string): string {
  return text
    .toLowerCase()
    .replaceAll('ä', 'ae')
    .replaceAll('ö', 'oe')
    .replaceAll('ü', 'ue')
    .replaceAll('ß', 'ss')
    .normalize('NFD')
    .replace(/[^a-z]/g, '');
}

export function demoOfficerId(index: number): string {
  return `officer-${String(index + 1).padStart(2, '0')}`;
}

/**
 * The demo officers in order, with the ids, usernames and teams the seed gives them. The
 * username is `officer.<surname>`; should a surname ever repeat, the later officer gets
 * `officer.<given>.<surname>`.
 */
export function demoOfficers(): DemoOfficer[] {
  const taken = new Set<string>();
  return OFFICER_NAMES.map(([given, surname], index) => {
    let username = `officer.${asciiLower(surname)}`;
    if (taken.has(username)) username = `officer.${asciiLower(given)}.${asciiLower(surname)}`;
    if (taken.has(username)) throw new Error(`Demo officer ${given} ${surname} is listed twice`);
    taken.add(username);
    const team = DEMO_TEAMS[index % DEMO_TEAMS.length];
    if (!team) throw new Error('No demo teams');
    return {
      id: demoOfficerId(index),
      username,
      displayName: `${given} ${surname}`,
      teamId: team.id,
    };
  });
}

/** Usernames of the first `count` demo officers (all by default), `officer-01` first. */
export function officerUsernames(count = OFFICER_NAMES.length): string[] {
  if (count > OFFICER_NAMES.length) {
    throw new Error(`The demo has ${OFFICER_NAMES.length} officers, not ${count}`);
  }
  return demoOfficers()
    .slice(0, count)
    .map((officer) => officer.username);
}
