export interface DistrictPlaces {
  /** Rough centre of the Stadtbezirk. */
  lat: number;
  lon: number;
  streets: readonly string[];
}

/** Real street names per Munich Stadtbezirk, keyed by the city's district number. */
export const DISTRICT_PLACES: Readonly<Record<number, DistrictPlaces>> = {
  1: {
    lat: 48.1372,
    lon: 11.5813,
    streets: [
      'Sendlinger Straße',
      'Maximilianstraße',
      'Residenzstraße',
      'Thierschstraße',
      'Sankt-Anna-Straße',
      'Herzog-Wilhelm-Straße',
    ],
  },
  2: {
    lat: 48.1304,
    lon: 11.5626,
    streets: [
      'Fraunhoferstraße',
      'Müllerstraße',
      'Reichenbachstraße',
      'Goethestraße',
      'Landwehrstraße',
      'Klenzestraße',
    ],
  },
  3: {
    lat: 48.1503,
    lon: 11.5696,
    streets: [
      'Theresienstraße',
      'Augustenstraße',
      'Schellingstraße',
      'Amalienstraße',
      'Türkenstraße',
      'Barer Straße',
    ],
  },
  4: {
    lat: 48.1645,
    lon: 11.5708,
    streets: [
      'Hohenzollernstraße',
      'Elisabethstraße',
      'Kurfürstenstraße',
      'Nordendstraße',
      'Belgradstraße',
      'Clemensstraße',
    ],
  },
  5: {
    lat: 48.1281,
    lon: 11.5948,
    streets: [
      'Weißenburger Straße',
      'Pariser Straße',
      'Lilienstraße',
      'Rosenheimer Straße',
      'Kirchenstraße',
      'Wörthstraße',
    ],
  },
  6: {
    lat: 48.1178,
    lon: 11.5471,
    streets: [
      'Plinganserstraße',
      'Lindwurmstraße',
      'Daiserstraße',
      'Implerstraße',
      'Oberländerstraße',
      'Valleystraße',
    ],
  },
  7: {
    lat: 48.1158,
    lon: 11.5218,
    streets: [
      'Albert-Roßhaupter-Straße',
      'Garmischer Straße',
      'Ehrwalder Straße',
      'Partnachstraße',
      'Passauerstraße',
    ],
  },
  8: {
    lat: 48.1352,
    lon: 11.5379,
    streets: [
      'Westendstraße',
      'Ligsalzstraße',
      'Gollierstraße',
      'Tulbeckstraße',
      'Kazmairstraße',
      'Schwanthalerstraße',
    ],
  },
  9: {
    lat: 48.1553,
    lon: 11.5296,
    streets: [
      'Nymphenburger Straße',
      'Volkartstraße',
      'Donnersbergerstraße',
      'Blutenburgstraße',
      'Wendl-Dietrich-Straße',
      'Landshuter Allee',
    ],
  },
  10: {
    lat: 48.1807,
    lon: 11.5117,
    streets: [
      'Dachauer Straße',
      'Pelkovenstraße',
      'Bingener Straße',
      'Leipziger Straße',
      'Hanauer Straße',
    ],
  },
  11: {
    lat: 48.1905,
    lon: 11.5676,
    streets: [
      'Schleißheimer Straße',
      'Knorrstraße',
      'Milbertshofener Straße',
      'Keferloherstraße',
      'Riesenfeldstraße',
    ],
  },
  12: {
    lat: 48.1772,
    lon: 11.5918,
    streets: [
      'Leopoldstraße',
      'Ungererstraße',
      'Feilitzschstraße',
      'Occamstraße',
      'Freimanner Bahnhofstraße',
      'Situlistraße',
    ],
  },
  13: {
    lat: 48.1552,
    lon: 11.6184,
    streets: [
      'Prinzregentenstraße',
      'Ismaninger Straße',
      'Möhlstraße',
      'Denninger Straße',
      'Cosimastraße',
      'Arabellastraße',
    ],
  },
  14: {
    lat: 48.1268,
    lon: 11.6302,
    streets: [
      'Baumkirchner Straße',
      'Berg-am-Laim-Straße',
      'Schlüsselbergstraße',
      'Kreillerstraße',
      'Josephburgstraße',
    ],
  },
  15: {
    lat: 48.1247,
    lon: 11.6713,
    streets: [
      'Truderinger Straße',
      'Wasserburger Landstraße',
      'Willy-Brandt-Allee',
      'Bajuwarenstraße',
      'Schmuckerweg',
    ],
  },
  16: {
    lat: 48.1002,
    lon: 11.6386,
    streets: [
      'Ottobrunner Straße',
      'Fritz-Erler-Straße',
      'Thomas-Dehler-Straße',
      'Putzbrunner Straße',
      'Unterhachinger Straße',
      'Balanstraße',
    ],
  },
  17: {
    lat: 48.1087,
    lon: 11.5887,
    streets: [
      'Tegernseer Landstraße',
      'Martin-Luther-Straße',
      'Ichostraße',
      'Sankt-Martin-Straße',
      'Werinherstraße',
    ],
  },
  18: {
    lat: 48.0938,
    lon: 11.5745,
    streets: [
      'Candidstraße',
      'Naupliastraße',
      'Harlachinger Straße',
      'Pilgersheimer Straße',
      'Schönstraße',
    ],
  },
  19: {
    lat: 48.0796,
    lon: 11.5194,
    streets: [
      'Wolfratshauser Straße',
      'Boschetsrieder Straße',
      'Forstenrieder Allee',
      'Sollner Straße',
      'Herterichstraße',
      'Drygalski-Allee',
    ],
  },
  20: {
    lat: 48.1147,
    lon: 11.4856,
    streets: [
      'Würmtalstraße',
      'Guardinistraße',
      'Heiglhofstraße',
      'Blumenauer Straße',
      'Fürstenrieder Straße',
    ],
  },
  21: {
    lat: 48.1487,
    lon: 11.4597,
    streets: [
      'Landsberger Straße',
      'Bodenseestraße',
      'Gleichmannstraße',
      'Verdistraße',
      'Pippinger Straße',
      'Bäckerstraße',
    ],
  },
  22: {
    lat: 48.1577,
    lon: 11.4108,
    streets: ['Limesstraße', 'Altostraße', 'Ubostraße', 'Bergsonstraße', 'Lochhausener Straße'],
  },
  23: {
    lat: 48.1905,
    lon: 11.4713,
    streets: [
      'Eversbuschstraße',
      'Von-Kahr-Straße',
      'Allacher Straße',
      'Manzostraße',
      'Vesaliusstraße',
    ],
  },
  24: {
    lat: 48.2144,
    lon: 11.5395,
    streets: [
      'Dülferstraße',
      'Blodigstraße',
      'Eduard-Spranger-Straße',
      'Lerchenauer Straße',
      'Feldmochinger Straße',
    ],
  },
  25: {
    lat: 48.1399,
    lon: 11.5046,
    streets: [
      'Agnes-Bernauer-Straße',
      'Gotthardstraße',
      'Camerloherstraße',
      'Perhamerstraße',
      'Friedenheimer Straße',
      'Fürstenrieder Straße',
    ],
  },
};
