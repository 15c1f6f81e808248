/**
 * Invented statements for demo disputes: the kind of thing people write in a Widerspruch. No
 * real person's words.
 */
const DISPUTE_STATEMENTS: readonly string[] = [
  'Ich habe nur kurz zum Ausladen gehalten und war keine zwei Minuten vom Fahrzeug weg.',
  'Der Parkschein lag gut sichtbar hinter der Windschutzscheibe; ich lege eine Kopie bei.',
  'Das Halteverbotsschild war durch einen Baum verdeckt und von meiner Seite nicht zu sehen.',
  'Zum angegebenen Zeitpunkt war mein Fahrzeug in der Werkstatt. Es muss eine Verwechslung vorliegen.',
  'Ich besitze einen Anwohnerparkausweis für diesen Bereich; er war ausgelegt.',
  'Der Parkscheinautomat war defekt, eine Zahlung per App war ebenfalls nicht möglich.',
  'Ich musste meine gehbehinderte Mutter zum Arzt begleiten; der Schwerbehindertenausweis lag aus.',
  'Die Beschilderung wurde erst am Vortag aufgestellt, davon konnte ich nichts wissen.',
  'Das Kennzeichen auf dem Bescheid stimmt nicht mit meinem überein, bitte prüfen Sie die Fotos.',
  'Ich war als Pflegedienst im Einsatz; die Ausnahmegenehmigung liegt diesem Schreiben bei.',
  'Es handelte sich um einen medizinischen Notfall, ich habe sofort den Rettungsdienst verständigt.',
  'Die Höchstparkdauer war noch nicht überschritten, meine Parkuhr zeigte die richtige Zeit.',
];

/** Invented answers of an officer asked for a statement about one of their cases. */
const OFFICER_STATEMENTS: readonly string[] = [
  'Fahrzeug stand ohne Parkschein, Foto 2 zeigt das Armaturenbrett ohne Schein.',
  'Das Schild war frei sichtbar, siehe Übersichtsfoto. Kein Fahrer in der Nähe.',
  'Ich habe das Fahrzeug über zehn Minuten beobachtet, es fand kein Ladevorgang statt.',
  'Kein Anwohnerparkausweis ausgelegt, Foto zeigt die Windschutzscheibe von vorne.',
  'Parkscheinautomat war zum Zeitpunkt funktionsfähig, ich habe ihn selbst geprüft.',
  'Das Kennzeichen ist auf Foto 1 gut lesbar; eine Verwechslung schließe ich aus.',
  'Die Beschilderung steht dort seit Wochen, das Aufstelldatum ist dokumentiert.',
  'Keine Ausnahmegenehmigung sichtbar. Ein Pflegedienstschild war nicht ausgelegt.',
];

export function disputeStatement(pick: number): string {
  return DISPUTE_STATEMENTS[Math.abs(pick) % DISPUTE_STATEMENTS.length] ?? '';
}

export function officerStatement(pick: number): string {
  return OFFICER_STATEMENTS[Math.abs(pick) % OFFICER_STATEMENTS.length] ?? '';
}
