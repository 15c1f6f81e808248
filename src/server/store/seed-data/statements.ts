import type { DisputeChannel } from '../../../shared/domain/dispute';
import type { Prng } from './prng';

/**
 * Invented texts for the simulator: what people write in a Widerspruch, and what an officer
 * answers when a clerk asks for a statement. Sentences are put together from parts, so a shift's
 * worth of disputes does not read like one text pasted a hundred times. No real person's words.
 */

/** What the texts may mention about the case. */
export interface CaseFacts {
  offenceCode: string;
  plate: string;
  street: string;
  houseNumber: string;
  /** ISO time the offence was observed. */
  observedAt: string;
}

const DATE = new Intl.DateTimeFormat('de-DE', {
  timeZone: 'Europe/Berlin',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const TIME = new Intl.DateTimeFormat('de-DE', {
  timeZone: 'Europe/Berlin',
  hour: '2-digit',
  minute: '2-digit',
});

function place(facts: CaseFacts): string {
  return `${facts.street} ${facts.houseNumber}`.trim();
}

/** Reasons people give, by offence; the general ones fit any case. */
const DISPUTE_REASONS: Readonly<Record<string, readonly string[]>> = {
  P101: [
    'Ich habe nur kurz zum Ausladen gehalten und war keine zwei Minuten vom Fahrzeug weg.',
    'Ich habe schwere Getränkekisten ins Haus getragen, das ist Ladetätigkeit und erlaubt.',
  ],
  P102: [
    'Ich habe nur kurz gehalten, um meine Tochter aussteigen zu lassen; ich saß die ganze Zeit im Auto.',
    'Das Halteverbotsschild war durch einen Baum verdeckt und von meiner Seite nicht zu sehen.',
  ],
  P103: [
    'Der Parkschein lag gut sichtbar hinter der Windschutzscheibe; eine Kopie liegt bei.',
    'Der Parkscheinautomat war defekt, eine Zahlung per App war ebenfalls nicht möglich.',
    'Ich hatte per Handy-Parken bezahlt, der Beleg aus der App ist beigefügt.',
    'Ich besitze einen Anwohnerparkausweis für diesen Bereich; er war ausgelegt.',
  ],
  P104: [
    'Die Höchstparkdauer war noch nicht überschritten, meine Parkscheibe war richtig eingestellt.',
    'Ich bin nach knapp zwei Stunden zurückgekommen, die Zeitangabe kann nicht stimmen.',
  ],
  P105: [
    'Auf dem Gehweg blieb mehr als genug Platz, auch für Kinderwagen.',
    'Ich habe nur halb auf dem Gehweg gestanden, weil die Straße sonst für den Bus zu eng gewesen wäre.',
  ],
  P106: [
    'Ich bin auf den Radweg ausgewichen, um einem Rettungswagen Platz zu machen.',
    'Der Radweg war als solcher nicht erkennbar, die Markierung ist völlig abgefahren.',
  ],
  P107: [
    'Ich habe in zweiter Reihe nur gehalten, um ein Paket abzugeben, der Warnblinker war an.',
    'Es war kein anderer Platz frei, und ich war höchstens drei Minuten weg.',
  ],
  P108: [
    'Die Einfahrt gehört zu meinem eigenen Grundstück, ich habe niemanden behindert.',
    'Die Einfahrt wird seit Jahren nicht mehr benutzt, das Tor ist zugewachsen.',
  ],
  P109: [
    'Mein Schwerbehindertenausweis lag aus, er ist wohl beim Schließen der Tür verrutscht.',
    'Ich musste meine gehbehinderte Mutter zum Arzt begleiten; ihr Parkausweis lag im Fahrzeug.',
  ],
  P110: [
    'Die Feuerwehrzufahrt war nicht als solche gekennzeichnet, ein Schild fehlt dort.',
    'Die Zufahrt war auch mit meinem Fahrzeug noch über drei Meter breit.',
  ],
  P111: [
    'Das Haltestellenschild war deutlich mehr als 15 Meter entfernt, ich habe nachgemessen.',
    'An dieser Haltestelle fährt seit der Baustelle gar kein Bus mehr.',
  ],
  P112: [
    'Der Abstand zur Einmündung betrug nach meiner Messung über fünf Meter.',
    'Die Einmündung ist eine Hofeinfahrt und keine Straße.',
  ],
  P113: [
    'Mein Fahrzeug ist ein Plug-in-Hybrid und war zum Laden angeschlossen.',
    'Die Ladesäule war defekt, deshalb lief kein Ladevorgang, obwohl das Kabel steckte.',
  ],
};

const GENERAL_REASONS: readonly string[] = [
  'Zum angegebenen Zeitpunkt war mein Fahrzeug in der Werkstatt. Es muss eine Verwechslung vorliegen.',
  'Das Kennzeichen auf dem Zettel stimmt nicht mit meinem überein, bitte prüfen Sie die Fotos.',
  'Es handelte sich um einen medizinischen Notfall, ich habe sofort den Rettungsdienst verständigt.',
  'Die Beschilderung wurde erst am Vortag aufgestellt, davon konnte ich nichts wissen.',
  'Ich war als Pflegedienst im Einsatz; die Ausnahmegenehmigung liegt diesem Schreiben bei.',
  'Das Fahrzeug wurde zu dieser Zeit von meinem Sohn gefahren, ich selbst war verreist.',
];

const REQUESTS: readonly string[] = [
  'Ich bitte darum, das Verfahren einzustellen.',
  'Bitte prüfen Sie den Vorgang noch einmal und sehen Sie von der Verwarnung ab.',
  'Ich bitte um Rücknahme der Verwarnung.',
  'Ich bin nicht bereit, das Verwarnungsgeld zu zahlen, und bitte um Prüfung.',
  'Über eine kurze Rückmeldung würde ich mich freuen.',
];

const SIGNATURES: readonly string[] = [
  'Karin Obermüller',
  'Thomas Aschenbrenner',
  'Dr. Petra Lindemann',
  'Murat Özdemir',
  'Johanna Feistl',
  'Klaus-Dieter Rosenthal',
  'Aleksandra Wójcik',
  'Benedikt Hirschvogel',
  'Sophie Brandstätter',
  'Ralf Niederhuber',
];

/** The person's Widerspruch, shaped like the channel it came through. */
export function disputeStatement(rng: Prng, channel: DisputeChannel, facts: CaseFacts): string {
  const date = DATE.format(new Date(facts.observedAt));
  const time = TIME.format(new Date(facts.observedAt));
  const reasons = [...(DISPUTE_REASONS[facts.offenceCode] ?? []), ...GENERAL_REASONS];
  const reason = rng.next() < 0.75 ? rng.pick(reasons) : rng.pick(GENERAL_REASONS);
  const request = rng.pick(REQUESTS);
  const name = rng.pick(SIGNATURES);
  const reference = `die Verwarnung vom ${date} um ${time} Uhr (${place(facts)}, Kennzeichen ${facts.plate})`;
  switch (channel) {
    case 'letter':
      return [
        'Sehr geehrte Damen und Herren,',
        `hiermit lege ich Widerspruch gegen ${reference} ein.`,
        `${reason} ${request}`,
        `Mit freundlichen Grüßen\n${name}`,
      ].join('\n\n');
    case 'email':
      return [
        rng.next() < 0.5 ? 'Guten Tag,' : 'Sehr geehrte Damen und Herren,',
        `ich widerspreche ${reference}.`,
        `${reason} ${request}`,
        `Viele Grüße\n${name}`,
      ].join('\n\n');
    case 'online':
      return `Widerspruch gegen ${reference}: ${reason} ${rng.next() < 0.5 ? request : ''}`.trim();
    case 'in_person':
      return `Persönlich vorgesprochen am Schalter, ${name} zu ${reference}: „${reason}“ Bittet um Prüfung.`;
  }
}

/** What an officer says about a case of theirs, by offence. */
const OFFICER_FINDINGS: Readonly<Record<string, readonly string[]>> = {
  P101: [
    'Das Zeichen 286 war frei sichtbar, siehe Foto 1. In {minutes} Minuten Beobachtung fand keine Ladetätigkeit statt.',
    'Kein Be- oder Entladen erkennbar, Fahrzeug war verschlossen und unbesetzt.',
  ],
  P102: [
    'Absolutes Halteverbot, Schild auf Foto 1 gut zu erkennen. Fahrzeug war unbesetzt, kein Fahrer in der Nähe.',
    'Das Fahrzeug stand mitten im Haltverbot, niemand saß im Auto; Foto 1 zeigt das Schild.',
  ],
  P103: [
    'Fahrzeug stand ohne Parkschein, Foto {photo} zeigt das Armaturenbrett ohne Schein.',
    'Kein Parkschein und kein Anwohnerparkausweis ausgelegt. Der Automat an der Ecke funktionierte, ich habe ihn geprüft.',
  ],
  P104: [
    'Die Parkscheibe war auf {time} Uhr gestellt, bei der Kontrolle war die Höchstparkdauer deutlich überschritten.',
    'Fahrzeug stand bei beiden Kontrollgängen im Abstand von über zwei Stunden unverändert da, Ventilstellung notiert.',
  ],
  P105: [
    'Fahrzeug stand mit allen vier Rädern auf dem Gehweg, die Restbreite lag unter einem Meter; siehe Foto 1.',
    'Gehweg war zugeparkt, eine Frau mit Kinderwagen musste auf die Fahrbahn ausweichen.',
  ],
  P106: [
    'Das Fahrzeug stand vollständig auf dem markierten Radweg, Radfahrer mussten in den Verkehr ausweichen.',
    'Radwegmarkierung ist gut erkennbar, siehe Foto {photo}. Kein Rettungseinsatz in der Nähe.',
  ],
  P107: [
    'Parken in zweiter Reihe ohne Warnblinker, der Bus kam nicht vorbei. Fahrer erschien erst nach {minutes} Minuten.',
    'Fahrzeug stand in zweiter Reihe, es waren freie Parkplätze in der Nähe vorhanden.',
  ],
  P108: [
    'Die Einfahrt wird genutzt, ein Anwohner konnte nicht herausfahren und hat mich angesprochen.',
    'Einfahrt ist deutlich erkennbar abgesenkt, siehe Foto {photo}.',
  ],
  P109: [
    'Kein Schwerbehindertenparkausweis sichtbar ausgelegt, ich habe durch alle Scheiben geschaut.',
    'Auf dem Armaturenbrett lag kein Ausweis, Foto {photo} zeigt die Windschutzscheibe von vorne.',
  ],
  P110: [
    'Die Feuerwehrzufahrt ist mit Schild und Bodenmarkierung gekennzeichnet, siehe Foto 1.',
    'Die Zufahrt war durch das Fahrzeug auf unter drei Meter verengt.',
  ],
  P111: [
    'Das Fahrzeug stand etwa acht Meter vor dem Haltestellenschild, gemessen mit dem Maßband.',
    'Die Haltestelle ist in Betrieb, ein Bus musste in zweiter Reihe halten.',
  ],
  P112: [
    'Abstand zur Einmündung ca. drei Meter, abgeschritten und auf Foto {photo} erkennbar.',
    'Die Sicht in die Einmündung war verdeckt, Fußgänger konnten die Straße nicht einsehen.',
  ],
  P113: [
    'Kein Ladekabel angeschlossen, Ladesäule zeigte "frei". Foto {photo} zeigt die Ladebuchse geschlossen.',
    'Das Fahrzeug ist ein Verbrenner ohne E-Kennzeichen, kein Ladevorgang möglich.',
  ],
};

const GENERAL_FINDINGS: readonly string[] = [
  'Das Kennzeichen ist auf Foto 1 gut lesbar; eine Verwechslung schließe ich aus.',
  'Die Beschilderung steht dort seit Wochen unverändert.',
  'Es war kein Fahrer in der Nähe, der Verwarnungszettel wurde am Fahrzeug hinterlassen.',
  'Keine Ausnahmegenehmigung und kein Pflegedienstschild im Fahrzeug sichtbar.',
];

const OPENERS: readonly string[] = [
  'Zum Vorgang {place}:',
  'Stellungnahme zu {plate}:',
  'Ich erinnere mich an den Fall in der {street}.',
  'Hallo, zu Ihrer Anfrage:',
  '',
];

const CLOSERS: readonly string[] = [
  'Aus meiner Sicht bleibt die Verwarnung berechtigt.',
  'Ich halte an der Verwarnung fest.',
  'Bei Fragen gern melden.',
  '',
];

function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (_match, key: string) => values[key] ?? '');
}

export interface OfficerStatementInput {
  /** The case as the officer knows it; null when it was recorded before the simulation began. */
  facts: CaseFacts | null;
  /** How many photos the case already has (for "Foto 2 zeigt …"). */
  photoCount: number;
  /** True when a new photo goes with the answer. */
  withNewPhoto: boolean;
}

/** The officer's answer to a statement request about one of their cases. */
export function officerStatement(rng: Prng, input: OfficerStatementInput): string {
  const { facts } = input;
  const withPhoto = input.withNewPhoto
    ? ' Ich habe noch ein Foto von heute angehängt, die Situation vor Ort ist unverändert.'
    : '';
  if (!facts) {
    return (
      'Ich habe mir den Vorgang angesehen. Nach meinen Notizen war die Lage eindeutig, ' +
      'die Fotos im Vorgang zeigen Fahrzeug und Beschilderung.' +
      withPhoto
    );
  }
  const observed = new Date(facts.observedAt);
  const values = {
    place: place(facts),
    plate: facts.plate,
    street: facts.street,
    photo: String(Math.max(1, Math.min(input.photoCount, rng.int(1, 3)))),
    minutes: String(rng.int(3, 15)),
    time: TIME.format(new Date(observed.getTime() - rng.int(150, 240) * 60_000)),
  };
  const findings = OFFICER_FINDINGS[facts.offenceCode] ?? GENERAL_FINDINGS;
  const parts = [
    fill(rng.pick(OPENERS), values),
    fill(rng.pick(findings), values),
    rng.next() < 0.4 ? fill(rng.pick(GENERAL_FINDINGS), values) : '',
    rng.pick(CLOSERS),
  ].filter((part) => part !== '');
  return parts.join(' ') + withPhoto;
}
