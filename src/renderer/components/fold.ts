/** Text as pickers compare it: without accents, lower case ("Müller" is found by "muller"). */
export const fold = (text: string) =>
  text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('de');
