import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { createPrng, type Prng } from '../store/seed-data/prng';

/** What an officer's phone photo of a case shows. */
export interface PhotoScene {
  plate: string;
  vehicleColor: string;
  street: string;
  houseNumber: string;
  district: number;
  offenceCode: string;
  /** When the photo was taken (ISO); printed in Munich time. */
  takenAt: string;
  /** 0-based position among the case's photos; picks the framing. */
  index: number;
  count: number;
  /** Varies buildings and framing, so the same scene never gives the same bytes by accident. */
  seed: number;
}

export interface CasePhoto {
  bytes: Buffer;
  /** Lowercase hex SHA-256 of `bytes`: the photo's identity on the server. */
  sha256: string;
  width: number;
  height: number;
}

const WIDTH = 640;
const HEIGHT = 480;
const QUALITY = 72;

const PAINT: Readonly<Record<string, string>> = {
  schwarz: '#1d1d1f',
  grau: '#6b6e73',
  weiß: '#e9ecee',
  silber: '#b9bec4',
  blau: '#1f4e9c',
  rot: '#b3202a',
  grün: '#2f6b3a',
  braun: '#6b4a2f',
  beige: '#d8c9a3',
  gelb: '#e8c22c',
};

const FACADES = ['#d9c7a7', '#e6ddd0', '#c9b29a', '#b7c4c9', '#e3d3b8', '#cfc6bd', '#d6b59c'];

const TIME_FORMAT = new Intl.DateTimeFormat('de-DE', {
  timeZone: 'Europe/Berlin',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** `27.11.2026 09:41:07`, Munich time, as the phone's camera stamps it. */
export function photoTimestamp(iso: string): string {
  return TIME_FORMAT.format(new Date(iso)).replace(',', '');
}

function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/** Plates print the area code and the letters apart, not with the hyphen used in records. */
function plateText(plate: string): string {
  return plate.replace('-', ' ');
}

/** A German number plate: white field, EU band with "D", the text as large as the box allows. */
function numberPlate(plate: string, x: number, y: number, w: number, h: number): string {
  const text = escapeXml(plateText(plate));
  const band = h * 0.42;
  const room = w - band - h * 0.3;
  const size = Math.min(h * 0.72, room / (Math.max(text.length, 6) * 0.6));
  return `<g>
    <rect x="${x}" y="${y}" width="${w}" height="${h}" rx="${h * 0.1}" fill="#f7f7f2" stroke="#111" stroke-width="${Math.max(2, h * 0.05)}"/>
    <rect x="${x + h * 0.05}" y="${y + h * 0.05}" width="${band}" height="${h * 0.9}" fill="#1c3f94"/>
    <text x="${x + h * 0.05 + band / 2}" y="${y + h * 0.82}" font-family="DejaVu Sans" font-weight="bold" font-size="${h * 0.26}" fill="#fff" text-anchor="middle">D</text>
    <text x="${x + band + (w - band) / 2}" y="${y + h / 2 + size * 0.36}" font-family="DejaVu Sans Condensed, DejaVu Sans" font-weight="bold" font-size="${size.toFixed(1)}" fill="#111" text-anchor="middle">${text}</text>
  </g>`;
}

/** A car seen from behind, its plate on the bumper; `scale` 1 fills about half the width. */
function carFromBehind(scene: PhotoScene, cx: number, baseY: number, scale: number): string {
  const paint = PAINT[scene.vehicleColor] ?? '#777b80';
  const w = 340 * scale;
  const h = 170 * scale;
  const x = cx - w / 2;
  const y = baseY - h;
  const roofInset = 50 * scale;
  const plateW = 170 * scale;
  const plateH = 38 * scale;
  return `<g>
    <ellipse cx="${cx}" cy="${baseY + 4 * scale}" rx="${w * 0.55}" ry="${14 * scale}" fill="#000" opacity="0.35"/>
    <rect x="${x + 18 * scale}" y="${baseY - 30 * scale}" width="${46 * scale}" height="${40 * scale}" rx="${8 * scale}" fill="#151515"/>
    <rect x="${x + w - 64 * scale}" y="${baseY - 30 * scale}" width="${46 * scale}" height="${40 * scale}" rx="${8 * scale}" fill="#151515"/>
    <path d="M ${x + roofInset} ${y} L ${x + w - roofInset} ${y} L ${x + w - 12 * scale} ${y + 62 * scale} L ${x + 12 * scale} ${y + 62 * scale} Z" fill="${paint}" stroke="#222" stroke-width="${2 * scale}"/>
    <path d="M ${x + roofInset + 10 * scale} ${y + 8 * scale} L ${x + w - roofInset - 10 * scale} ${y + 8 * scale} L ${x + w - 30 * scale} ${y + 56 * scale} L ${x + 30 * scale} ${y + 56 * scale} Z" fill="#2b3a44" opacity="0.9"/>
    <rect x="${x}" y="${y + 60 * scale}" width="${w}" height="${h - 80 * scale}" rx="${18 * scale}" fill="${paint}" stroke="#222" stroke-width="${2 * scale}"/>
    <rect x="${x + 10 * scale}" y="${y + 74 * scale}" width="${52 * scale}" height="${20 * scale}" rx="${5 * scale}" fill="#c0141c"/>
    <rect x="${x + w - 62 * scale}" y="${y + 74 * scale}" width="${52 * scale}" height="${20 * scale}" rx="${5 * scale}" fill="#c0141c"/>
    <rect x="${x + 4 * scale}" y="${y + 128 * scale}" width="${w - 8 * scale}" height="${14 * scale}" rx="${6 * scale}" fill="#222" opacity="0.75"/>
    ${numberPlate(scene.plate, cx - plateW / 2, y + 92 * scale, plateW, plateH)}
  </g>`;
}

/** The white plate under a sign that says what the rule is about. */
const SUPPLEMENTARY: Readonly<Record<string, string>> = {
  P103: 'mit Parkschein',
  P104: 'max. 2 Std.',
  P108: 'Ausfahrt',
  P109: 'Schwerbehinderte',
  P110: 'Feuerwehrzufahrt',
  P111: 'Haltestelle',
  P113: 'E-Fahrzeuge',
};

/** The sign that makes the case: red cross(es) for Halteverbot, a blue P with a plate otherwise. */
function roadSign(code: string, x: number, top: number, size: number): string {
  const pole = `<rect x="${x - size * 0.06}" y="${top + size}" width="${size * 0.12}" height="${size * 2.6}" fill="#8a8f94"/>`;
  const note = SUPPLEMENTARY[code];
  const plate = note
    ? `<rect x="${x - size * 0.75}" y="${top + size * 1.08}" width="${size * 1.5}" height="${size * 0.34}" fill="#fff" stroke="#111" stroke-width="1.5"/>
    <text x="${x}" y="${top + size * 1.33}" font-family="DejaVu Sans Condensed, DejaVu Sans" font-size="${size * 0.18}" fill="#111" text-anchor="middle">${escapeXml(note)}</text>`
    : '';
  if (code === 'P101' || code === 'P102') {
    const cross =
      code === 'P102'
        ? `<path d="M ${x - size * 0.3} ${top + size * 0.2} L ${x + size * 0.3} ${top + size * 0.8} M ${x + size * 0.3} ${top + size * 0.2} L ${x - size * 0.3} ${top + size * 0.8}" stroke="#c8102e" stroke-width="${size * 0.1}"/>`
        : `<path d="M ${x - size * 0.3} ${top + size * 0.2} L ${x + size * 0.3} ${top + size * 0.8}" stroke="#c8102e" stroke-width="${size * 0.1}"/>`;
    return `${pole}<circle cx="${x}" cy="${top + size / 2}" r="${size / 2}" fill="#c8102e"/>
      <circle cx="${x}" cy="${top + size / 2}" r="${size * 0.38}" fill="#1c4fa0"/>${cross}${plate}`;
  }
  return `${pole}<rect x="${x - size / 2}" y="${top}" width="${size}" height="${size}" rx="${size * 0.1}" fill="#1c4fa0" stroke="#fff" stroke-width="${size * 0.05}"/>
    <text x="${x}" y="${top + size * 0.78}" font-family="DejaVu Sans" font-weight="bold" font-size="${size * 0.75}" fill="#fff" text-anchor="middle">P</text>${plate}`;
}

function facade(rng: Prng, horizon: number): string {
  const parts: string[] = [];
  let x = -rng.int(0, 60);
  while (x < WIDTH) {
    const w = rng.int(150, 260);
    const colour = rng.pick(FACADES);
    parts.push(`<rect x="${x}" y="0" width="${w}" height="${horizon}" fill="${colour}"/>`);
    for (let wy = 24; wy < horizon - 50; wy += 62) {
      for (let wx = x + 18; wx < x + w - 36; wx += 48) {
        const lit = rng.next() < 0.15 ? '#f3e3a1' : '#4b5963';
        parts.push(
          `<rect x="${wx}" y="${wy}" width="26" height="38" fill="${lit}" opacity="0.9"/>`,
        );
      }
    }
    parts.push(
      `<rect x="${x + w - 3}" y="0" width="3" height="${horizon}" fill="#000" opacity="0.15"/>`,
    );
    x += w;
  }
  return parts.join('');
}

function overlay(scene: PhotoScene): string {
  const place = escapeXml(`${scene.street} ${scene.houseNumber}`.trim());
  const time = escapeXml(photoTimestamp(scene.takenAt));
  const label = escapeXml(`KVÜ München · Bezirk ${scene.district}`);
  const frame = `${scene.index + 1}/${scene.count}`;
  return `<rect x="0" y="0" width="${WIDTH}" height="34" fill="#000" opacity="0.55"/>
    <text x="12" y="23" font-family="DejaVu Sans" font-size="16" fill="#fff">${label}</text>
    <text x="${WIDTH - 12}" y="23" font-family="DejaVu Sans" font-size="16" fill="#fff" text-anchor="end">Foto ${frame}</text>
    <rect x="0" y="${HEIGHT - 44}" width="${WIDTH}" height="44" fill="#000" opacity="0.6"/>
    <text x="12" y="${HEIGHT - 16}" font-family="DejaVu Sans" font-weight="bold" font-size="20" fill="#fff">${place}</text>
    <text x="${WIDTH - 12}" y="${HEIGHT - 16}" font-family="DejaVu Sans Mono" font-weight="bold" font-size="20" fill="#ffd54a" text-anchor="end">${time}</text>`;
}

/** Backgrounds per framing: rendered once each and reused, as librsvg is the slow part. */
const BACKGROUND_VARIANTS = 6;

interface Frame {
  framing: number;
  variant: number;
  horizon: number;
}

function frameOf(scene: PhotoScene): Frame {
  const framing = scene.index % 3;
  const variant = (scene.seed >>> 0) % BACKGROUND_VARIANTS;
  return { framing, variant, horizon: framing === 1 ? 150 : 196 + variant * 8 };
}

function svgOpen(): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">`;
}

/** Buildings, pavement and road: the same for many photos. */
function backgroundLayer({ framing, variant, horizon }: Frame): string {
  const rng = createPrng(framing * 1000 + variant);
  const sidewalk = horizon + 30;
  return `<rect width="${WIDTH}" height="${HEIGHT}" fill="#5d6166"/>
  ${facade(rng, horizon)}
  <rect x="0" y="${horizon}" width="${WIDTH}" height="30" fill="#a9a9a4"/>
  <rect x="0" y="${sidewalk}" width="${WIDTH}" height="6" fill="#d0d0cc"/>
  <rect x="0" y="${sidewalk + 6}" width="${WIDTH}" height="${HEIGHT - sidewalk - 6}" fill="#4d5156"/>
  <path d="M 0 ${HEIGHT - 20} L ${WIDTH} ${HEIGHT - 28}" stroke="#e8e8e0" stroke-width="5" stroke-dasharray="40 30" opacity="0.7"/>`;
}

/** The sign, the car with its plate, and the camera's stamp: what makes this photo this case's. */
function foregroundLayer(scene: PhotoScene, { framing, horizon }: Frame): string {
  const rng = createPrng(scene.seed ^ 0x5bd1e995);
  const car =
    framing === 1
      ? carFromBehind(scene, WIDTH / 2 + rng.int(-20, 20), HEIGHT - 40, 1.75)
      : carFromBehind(
          scene,
          (framing === 0 ? 380 : 300) + rng.int(-30, 30),
          HEIGHT - 70 + rng.int(-10, 10),
          framing === 0 ? 0.95 : 0.7,
        );
  const sign =
    framing === 1 ? '' : roadSign(scene.offenceCode, framing === 0 ? 110 : 520, horizon - 90, 70);
  return `${sign}${car}${overlay(scene)}`;
}

/**
 * The SVG of one case photo: photo 1 the overview with the sign, photo 2 the plate up close,
 * photo 3 a wider angle. Every framing shows the plate, the street with house number and the time.
 */
export function photoSvg(scene: PhotoScene): string {
  const frame = frameOf(scene);
  return `${svgOpen()}${backgroundLayer(frame)}${foregroundLayer(scene, frame)}</svg>`;
}

interface RawImage {
  data: Buffer;
  info: { width: number; height: number; channels: 1 | 2 | 3 | 4 };
}

const backgrounds = new Map<string, Promise<RawImage>>();

function background(frame: Frame): Promise<RawImage> {
  const key = `${frame.framing}:${frame.variant}`;
  let image = backgrounds.get(key);
  if (!image) {
    image = sharp(Buffer.from(`${svgOpen()}${backgroundLayer(frame)}</svg>`))
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    backgrounds.set(key, image);
    image.catch(() => backgrounds.delete(key));
  }
  return image;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Renders a case photo as a JPEG, with its hash. */
export async function makeCasePhoto(scene: PhotoScene): Promise<CasePhoto> {
  const frame = frameOf(scene);
  const base = await background(frame);
  const front = Buffer.from(`${svgOpen()}${foregroundLayer(scene, frame)}</svg>`);
  const bytes = await sharp(base.data, { raw: base.info })
    .composite([{ input: front }])
    .jpeg({ quality: QUALITY, chromaSubsampling: '4:2:0' })
    .toBuffer();
  return { bytes, sha256: sha256Hex(bytes), width: WIDTH, height: HEIGHT };
}
