/**
 * German UI texts: the source of truth for keys (the English file must match this shape).
 * Wording addresses clerks formally ("Sie") and says what happens and what to do.
 */
export const de = {
  app: {
    name: 'KVÜ Innendienst',
  },
  header: {
    language: 'Sprache',
  },
  languages: {
    de: 'Deutsch',
    en: 'English',
  },
  views: {
    cases: 'Vorgänge',
  },
  cases: {
    gridLabel: 'Vorgänge',
    count_one: '{{formatted}} Vorgang',
    count_other: '{{formatted}} Vorgänge',
    countLoading: 'Vorgänge werden geladen …',
    loadingRow: 'Wird geladen …',
    sortBy: 'Nach {{column}} sortieren',
    sortByDistrict: 'Nach Stadtbezirk sortieren',
    columns: {
      fileNumber: 'Aktenzeichen',
      plate: 'Kennzeichen',
      offence: 'Tatbestand',
      fine: 'Betrag',
      place: 'Tatort',
      observedAt: 'Tatzeit',
      status: 'Status',
    },
    // Badge texts: short, the status column is narrow.
    status: {
      open: 'offen',
      disputed: 'Einspruch',
      awaiting_statement: 'Stellungnahme',
      decided: 'entschieden',
      withdrawn: 'eingestellt',
      forwarded: 'abgegeben',
      closed: 'abgeschlossen',
    },
    filter: {
      label: 'Nach Status filtern',
      all: 'Alle',
      disputed: 'Einspruch',
      awaiting_statement: 'Stellungnahme angefordert',
      open: 'Offen',
      decided: 'Entschieden',
      withdrawn: 'Eingestellt',
      forwarded: 'Abgegeben',
      closed: 'Abgeschlossen',
    },
    empty: {
      firstSyncTitle: 'Die Vorgänge werden zum ersten Mal geladen',
      firstSyncBody:
        'Die Vorgänge werden vom Server übertragen und erscheinen hier nach und nach. Bitte lassen Sie das Programm geöffnet.',
      noneTitle: 'Noch keine Vorgänge',
      noneBody: 'Sobald der Außendienst Verwarnungen erfasst, erscheinen sie hier automatisch.',
      offlineTitle: 'Noch keine Vorgänge geladen',
      offlineBody:
        'Der Server ist zurzeit nicht erreichbar. Sobald die Verbindung steht, werden die Vorgänge automatisch geladen.',
      filteredTitle: 'Keine Vorgänge mit Status „{{status}}“',
      filteredBody: 'Wählen Sie einen anderen Status oder lassen Sie sich alle Vorgänge anzeigen.',
      showAll: 'Alle Vorgänge anzeigen',
    },
    error: {
      title: 'Die Vorgänge konnten nicht geladen werden.',
      partTitle: 'Ein Teil der Liste konnte nicht geladen werden.',
      body: 'Bitte versuchen Sie es erneut. Wenn der Fehler bestehen bleibt, starten Sie das Programm neu oder wenden Sie sich an die IT-Betreuung.',
      retry: 'Erneut versuchen',
    },
  },
  casePane: {
    label: 'Vorgang {{fileNumber}}',
    close: 'Vorgang schließen',
    closeHint: 'Esc schließt',
    fields: 'Angaben zum Vorgang',
    photosHeading: 'Fotos',
  },
  photos: {
    stripLabel: 'Fotos zum Vorgang',
    loading: 'Fotos werden geladen …',
    none: 'Zu diesem Vorgang gibt es keine Fotos.',
    loadError: 'Die Fotos konnten nicht geladen werden.',
    thumbLabel: 'Foto {{index}} von {{count}}, aufgenommen {{time}}: {{state}}',
    state: {
      queued: 'wartet auf Download',
      downloading: 'wird geladen',
      verified: 'Hash geprüft',
      unverified: 'nicht geprüft',
      failed: 'Laden fehlgeschlagen',
      retrying: 'Fehler, neuer Versuch folgt',
    },
    verified: 'Hash geprüft',
    verifiedHint: 'Die Bytes des Fotos stimmen mit seiner SHA-256-Prüfsumme überein.',
    hashMismatch: 'Hash falsch',
    hashMismatchHint:
      'Die empfangenen Bytes passen nicht zur SHA-256-Prüfsumme des Außendienstes; das Foto wird deshalb nicht angezeigt.',
    failedShort: 'Fehler',
    errorDetail: 'Grund: {{error}}',
    retry: 'Erneut laden',
    notShown: 'Das Foto wird erst nach der Prüfung angezeigt.',
    viewer: {
      title: 'Foto {{index}} von {{count}}',
      compareTitle: 'Vergleich: Foto {{first}} und Foto {{second}}',
      close: 'Schließen',
      zoomIn: 'Vergrößern (+)',
      zoomOut: 'Verkleinern (−)',
      fit: 'Einpassen (0)',
      rotate: 'Drehen (R)',
      fullscreen: 'Vollbild (F)',
      exitFullscreen: 'Vollbild beenden (F)',
      previous: 'Vorheriges Foto (Bild ↑)',
      next: 'Nächstes Foto (Bild ↓)',
      compare: 'Vergleichen',
      compareOff: 'Vergleich beenden',
      comparePick: 'Zweites Foto wählen',
      toolbar: 'Bildwerkzeuge',
      stripLabel: 'Fotos',
      pickLabel: 'Foto {{index}}',
      stageLabel: 'Foto {{index}}, {{zoom}} %',
      zoomValue: '{{zoom}} %',
      help: 'Mausrad: zoomen · Ziehen oder Pfeiltasten: verschieben · Bild ↑/↓: blättern',
    },
    meta: {
      heading: 'Angaben zu Foto {{index}}',
      takenAt: 'Aufgenommen',
      coordinates: 'Koordinaten',
      noCoordinates: 'ohne GPS',
      size: 'Größe',
      type: 'Typ',
      sha256: 'SHA-256',
      check: 'Prüfung',
      uploadedBy: 'Aufgenommen von',
    },
  },
  sync: {
    barLabel: 'Synchronisierung',
    state: {
      starting: 'Verbinde …',
      syncing: 'Synchronisiere …',
      idle: 'Synchronisiert',
      offline: 'Offline – Server nicht erreichbar',
      error: 'Fehler',
    },
    localCount_one: '{{formatted}} Vorgang lokal',
    localCount_other: '{{formatted}} Vorgänge lokal',
    lastSynced: 'Letzte Synchronisierung: {{time}}',
    neverSynced: 'Noch nicht synchronisiert',
    // While pulling: changes taken over in this run, and the time left when it can be estimated.
    indexing: 'Suchindex wird aufgebaut …',
    progressRows_one: '{{formatted}} Änderung',
    progressRows_other: '{{formatted}} Änderungen',
    progressEta_one: 'noch ca. {{count}} min',
    progressEta_other: 'noch ca. {{count}} min',
    progressEtaUnderMinute: 'noch unter 1 min',
    progressDetail: '{{rows}} Änderungen übernommen, {{megabytes}} MB gelesen',
    banner: {
      offlineTitle: 'Der Server ist nicht erreichbar.',
      errorTitle: 'Die Synchronisierung ist gestört.',
      staleSince: 'Die angezeigten Daten sind auf dem Stand von {{time}}.',
      noDataYet: 'Es wurden noch keine Daten vom Server geladen.',
      offlineAction:
        'Sie können mit den vorhandenen Daten weiterarbeiten; die Verbindung wird automatisch wiederhergestellt.',
      errorAction:
        'Die Synchronisierung wird automatisch erneut versucht. Wenn diese Meldung bestehen bleibt, wenden Sie sich bitte an die IT-Betreuung.',
      details: 'Technische Angabe: {{error}}',
    },
  },
  errors: {
    unexpectedTitle: 'Ein unerwarteter Fehler ist aufgetreten.',
    unexpectedBody:
      'Ihre Daten sind lokal gespeichert und gehen nicht verloren. Bitte laden Sie die Ansicht neu.',
    reload: 'Ansicht neu laden',
  },
};

/** The shape every language must provide: same keys, any strings. */
export type Translation = typeof de;
