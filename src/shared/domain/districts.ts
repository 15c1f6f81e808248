/** Munich's 25 Stadtbezirke, numbered as the city numbers them. */
export const DISTRICTS = [
  { id: 1, name: 'Altstadt-Lehel' },
  { id: 2, name: 'Ludwigsvorstadt-Isarvorstadt' },
  { id: 3, name: 'Maxvorstadt' },
  { id: 4, name: 'Schwabing-West' },
  { id: 5, name: 'Au-Haidhausen' },
  { id: 6, name: 'Sendling' },
  { id: 7, name: 'Sendling-Westpark' },
  { id: 8, name: 'Schwanthalerhöhe' },
  { id: 9, name: 'Neuhausen-Nymphenburg' },
  { id: 10, name: 'Moosach' },
  { id: 11, name: 'Milbertshofen-Am Hart' },
  { id: 12, name: 'Schwabing-Freimann' },
  { id: 13, name: 'Bogenhausen' },
  { id: 14, name: 'Berg am Laim' },
  { id: 15, name: 'Trudering-Riem' },
  { id: 16, name: 'Ramersdorf-Perlach' },
  { id: 17, name: 'Obergiesing-Fasangarten' },
  { id: 18, name: 'Untergiesing-Harlaching' },
  { id: 19, name: 'Thalkirchen-Obersendling-Forstenried-Fürstenried-Solln' },
  { id: 20, name: 'Hadern' },
  { id: 21, name: 'Pasing-Obermenzing' },
  { id: 22, name: 'Aubing-Lochhausen-Langwied' },
  { id: 23, name: 'Allach-Untermenzing' },
  { id: 24, name: 'Feldmoching-Hasenbergl' },
  { id: 25, name: 'Laim' },
] as const;

export type DistrictId = (typeof DISTRICTS)[number]['id'];

export function districtName(id: number): string {
  return DISTRICTS.find((d) => d.id === id)?.name ?? `Bezirk ${id}`;
}
