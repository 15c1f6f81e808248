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

/** Given name and surname of each demo field officer; the username is `officer.<surname>`. */
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
];
