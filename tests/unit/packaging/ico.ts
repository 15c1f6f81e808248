/** The images in a Windows .ico file, read from its directory and each image's own header. */
import sharp from 'sharp';

export interface IcoImage {
  /** As the directory lists it (0 there means 256). */
  listed: number;
  /** As the image data itself says. */
  width: number;
  height: number;
  format: 'png' | 'bmp';
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export async function readIco(file: Buffer): Promise<IcoImage[]> {
  if (file.length < 6 || file.readUInt16LE(0) !== 0 || file.readUInt16LE(2) !== 1) {
    throw new Error('not an .ico file');
  }
  const images: IcoImage[] = [];
  for (let index = 0; index < file.readUInt16LE(4); index++) {
    const entry = 6 + index * 16;
    const listed = file.readUInt8(entry) || 256;
    const size = file.readUInt32LE(entry + 8);
    const offset = file.readUInt32LE(entry + 12);
    const data = file.subarray(offset, offset + size);
    if (data.length !== size) throw new Error(`image ${index} runs past the end of the file`);
    if (data.subarray(0, 8).equals(PNG_SIGNATURE)) {
      const { width = 0, height = 0 } = await sharp(data).metadata();
      images.push({ listed, width, height, format: 'png' });
    } else {
      // A BITMAPINFOHEADER counts the transparency mask in its height, hence the half.
      images.push({
        listed,
        width: data.readInt32LE(4),
        height: data.readInt32LE(8) / 2,
        format: 'bmp',
      });
    }
  }
  return images;
}
