import { describe, expect, it } from 'vitest';
import {
  asciiLower,
  DEMO_TEAMS,
  demoOfficers,
  OFFICER_NAMES,
  officerUsernames,
} from '../../../src/server/store/seed-data/people';

/** The roster before the simulator: ids and usernames people and tests already know. */
const FIRST_24 = [
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

describe('demo officer roster', () => {
  const officers = demoOfficers();

  it('has 180 officers, the first 24 unchanged', () => {
    expect(OFFICER_NAMES).toHaveLength(180);
    expect(OFFICER_NAMES.slice(0, 24)).toEqual(FIRST_24);
    expect(officers.slice(0, 2).map((o) => [o.id, o.username])).toEqual([
      ['officer-01', 'officer.huber'],
      ['officer-02', 'officer.bauer'],
    ]);
  });

  it('derives ids officer-01 … officer-180 from the position', () => {
    expect(officers.map((o) => o.id)).toEqual(
      Array.from({ length: 180 }, (_, i) => `officer-${String(i + 1).padStart(2, '0')}`),
    );
    expect(officers[179]?.id).toBe('officer-180');
  });

  it('gives every officer a distinct person and a unique lowercase ASCII username', () => {
    expect(new Set(officers.map((o) => o.displayName)).size).toBe(180);
    expect(new Set(officers.map((o) => o.username)).size).toBe(180);
    for (const officer of officers)
      expect(officer.username).toMatch(/^officer\.[a-z]+(\.[a-z]+)?$/);
  });

  it('matches the usernames the seed derives today (officer.<surname> lowercased)', () => {
    OFFICER_NAMES.forEach(([, surname], index) => {
      expect(officers[index]?.username).toBe(`officer.${surname.toLowerCase()}`);
    });
  });

  it('spreads officers over the teams by position', () => {
    officers.forEach((officer, index) => {
      expect(officer.teamId).toBe(DEMO_TEAMS[index % DEMO_TEAMS.length]?.id);
    });
    const perTeam = DEMO_TEAMS.map((team) => officers.filter((o) => o.teamId === team.id).length);
    expect(perTeam).toEqual([45, 45, 45, 45]);
  });

  it('lists usernames in order for the simulator', () => {
    expect(officerUsernames(3)).toEqual(['officer.huber', 'officer.bauer', 'officer.wagner']);
    expect(officerUsernames()).toHaveLength(180);
    expect(() => officerUsernames(181)).toThrow(/180/);
  });

  it('transliterates German letters for usernames', () => {
    expect(asciiLower('Müller')).toBe('mueller');
    expect(asciiLower('Größer')).toBe('groesser');
    expect(asciiLower('Äbtissin')).toBe('aebtissin');
    expect(asciiLower('Öztürk')).toBe('oeztuerk');
    expect(asciiLower('Lucía')).toBe('lucia');
    expect(asciiLower('Tomáš')).toBe('tomas');
  });
});
