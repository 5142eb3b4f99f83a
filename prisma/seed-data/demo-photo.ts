// The demo's one project photo: an abstract image drawn here (no photograph of real people or
// places ships with the portal), processed like an upload, its alt text saying it is illustrative.
import { processPhoto, type ProcessedPhoto } from '../../app/programmes/photos/process-photo.server.ts';
import type { LocalizedText } from '../../app/platform/i18n.ts';

export const DEMO_PHOTO_PROJECT = 'GLOT59';

export const demoPhotoAlt: LocalizedText = {
  en: 'Illustrative demo image: abstract blue and green shapes, not a photograph of the project',
  fr: 'Image de démonstration : formes abstraites bleues et vertes, pas une photo du projet',
  es: 'Imagen de demostración: formas abstractas azules y verdes, no una foto del proyecto',
  ru: 'Демонстрационное изображение: абстрактные синие и зелёные фигуры, не фотография проекта',
  zh: '演示图片：抽象的蓝色和绿色图形，并非项目照片',
  ar: 'صورة توضيحية للعرض: أشكال مجردة زرقاء وخضراء، وليست صورة للمشروع',
};

const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800" viewBox="0 0 1200 800">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#0b4f7c"/><stop offset="1" stop-color="#2e8b57"/></linearGradient></defs>
<rect width="1200" height="800" fill="url(#g)"/>
<circle cx="880" cy="260" r="190" fill="#ffffff" fill-opacity="0.14"/>
<circle cx="300" cy="600" r="260" fill="#ffffff" fill-opacity="0.10"/>
<path d="M0 620 C 300 520, 600 720, 1200 560 L 1200 800 L 0 800 Z" fill="#0a3550" fill-opacity="0.45"/>
</svg>`;

/** The renditions of the demo image (the processing a staff upload gets). */
export async function demoPhoto(): Promise<ProcessedPhoto> {
  const { default: sharp } = await import('sharp');
  return processPhoto(await sharp(Buffer.from(svg)).png().toBuffer());
}
