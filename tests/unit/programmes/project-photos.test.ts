// Project photos (docs/decisions/058): renditions have the right sizes and no metadata, bad files
// are refused with nothing changed, alt text falls back to English, the upload is audited, the
// rendition route serves immutable bytes, and only programme officers and admins may upload.
import { beforeAll, describe, expect, it } from 'vitest';
import zlib from 'node:zlib';
import sharp from 'sharp';
import { getPrisma } from '~/platform/db.server.ts';
import { createProgramme, createProject } from '~/programmes/programme-commands.server.ts';
import { programmeSchema, projectSchema } from '~/programmes/programme-editor-schemas.ts';
import { PhotoRejectedError, processPhoto } from '~/programmes/photos/process-photo.server.ts';
import { removeProjectPhoto, saveProjectPhoto } from '~/programmes/photos/photo-commands.server.ts';
import { getProjectPhoto } from '~/programmes/photos/photo-queries.server.ts';
import { pickAlt, toPhotoView } from '~/programmes/photos/photo-view.ts';
import { MAX_PHOTO_BYTES } from '~/programmes/photos/photo-limits.ts';
import { action as photoAction } from '~/routes/staff.projects.$code_.photo.tsx';
import { loader as renditionLoader } from '~/routes/photos.$code.$file.ts';
import { createSession } from '~/staff/session-commands.server.ts';
import { serializeSessionCookie } from '~/staff/session-cookie.server.ts';
import { createStaff } from '~/staff/staff-user-commands.server.ts';
import { cookieFrom, get, ORIGIN } from '../staff/helpers.ts';

const db = getPrisma();
let actorId: string;
let projectId: string;
const CODE = 'PHOTO01';
const CTX = { cspNonce: 'test-nonce', clientIp: '192.0.2.1' };

/** A photo-like JPEG with EXIF (camera, GPS-like comment) that must not survive. */
async function jpegWithExif(width = 1600, height = 1000) {
  return sharp({ create: { width, height, channels: 3, background: { r: 30, g: 110, b: 160 } } })
    .jpeg()
    .withExif({ IFD0: { Make: 'SecretCam', Copyright: 'GPS 51.5N 0.1W' } })
    .toBuffer();
}

/** A tiny PNG whose header claims width × height (400 megapixels would be 1.2 GB decoded). */
function pngClaiming(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(Buffer.alloc(64))), chunk('IEND', Buffer.alloc(0))]);
}

beforeAll(async () => {
  actorId = (await createStaff({ email: 'officer-photo@example.org', name: 'Photo Officer', roles: ['PROGRAMME_OFFICER'] })).id;
  const programme = await createProgramme({
    actorId,
    input: programmeSchema.parse({
      slug: 'photo-prog',
      code: 'PHP',
      title: { en: 'Photo programme' },
      mandate: { en: 'x' },
      sortOrder: '7',
    }),
  });
  const project = await createProject({
    actorId,
    input: projectSchema.parse({
      code: CODE,
      programmeId: programme.id,
      title: { en: 'Photo project' },
      description: { en: 'A project with a photo.' },
      countryCode: 'gh',
      regionCode: '011',
      sectorCode: '15210',
      status: 'IMPLEMENTATION',
      startDate: '2031-01-01',
      endDate: '2032-12-31',
    }),
  });
  projectId = project.id;
});

describe('processPhoto', () => {
  it('makes 480 and 960 px WebP renditions with the upload’s ratio and no metadata', async () => {
    const input = await jpegWithExif();
    expect((await sharp(input).metadata()).exif).toBeDefined();
    const photo = await processPhoto(input);
    expect(photo.renditions.map((r) => [r.width, r.height])).toEqual([
      [480, 300],
      [960, 600],
    ]);
    for (const rendition of photo.renditions) {
      const meta = await sharp(rendition.bytes).metadata();
      expect(meta.format).toBe('webp');
      expect([meta.width, meta.height]).toEqual([rendition.width, rendition.height]);
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(Buffer.from(rendition.bytes).includes('SecretCam')).toBe(false);
    }
  });

  it('never enlarges: a 600 px upload gives 480 and 600', async () => {
    const photo = await processPhoto(await jpegWithExif(600, 400));
    expect(photo.renditions.map((r) => r.width)).toEqual([480, 600]);
  });

  it('turns a photo upright by its EXIF orientation', async () => {
    const rotated = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#888' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const photo = await processPhoto(rotated);
    expect([photo.sourceWidth, photo.sourceHeight]).toEqual([800, 1200]);
    expect(photo.renditions[0]).toMatchObject({ width: 480, height: 720 });
  });

  it.each([
    ['a text file', async () => Buffer.from('hello, not an image'), 'photos.errors.notImage'],
    ['an SVG', async () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="900" height="600"/>'), 'photos.errors.notImage'],
    [
      'a truncated PNG',
      async () =>
        (
          await sharp({ create: { width: 900, height: 600, channels: 3, background: '#123' } })
            .png()
            .toBuffer()
        ).subarray(0, 200),
      'photos.errors.notImage',
    ],
    ['an empty file', async () => Buffer.alloc(0), 'photos.errors.required'],
    ['a file over 8 MB', async () => Buffer.alloc(MAX_PHOTO_BYTES + 1), 'photos.errors.tooLarge'],
    ['a too narrow image', async () => jpegWithExif(300, 200), 'photos.errors.tooNarrow'],
    ['a decompression bomb', async () => pngClaiming(20_000, 20_000), 'photos.errors.tooManyPixels'],
  ])('refuses %s', async (_name, make, key) => {
    const error = await processPhoto(await make()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PhotoRejectedError);
    expect((error as PhotoRejectedError).key).toBe(key);
  });
});

describe('alt text', () => {
  it('is read in the reader’s language, else in English marked lang="en"', () => {
    const alt = { en: 'Officers at a border post', ar: 'موظفون في مركز حدودي', fr: '  ' };
    expect(pickAlt(alt, 'ar')).toEqual({ text: 'موظفون في مركز حدودي', lang: 'ar' });
    expect(pickAlt(alt, 'fr')).toEqual({ text: 'Officers at a border post', lang: 'en' });
    const view = toPhotoView(
      { code: 'X1', alt, uploadedAt: '', uploadedBy: null, renditions: [{ width: 480, height: 300, hash: 'a'.repeat(16) }] },
      'zh',
    );
    expect(view).toMatchObject({
      alt: 'Officers at a border post',
      altLang: 'en',
      width: 480,
      height: 300,
      src: `/photos/X1/480-${'a'.repeat(16)}.webp`,
    });
  });
});

describe('saving, serving and removing', () => {
  it('stores an upload, audits it, serves it immutable with an ETag, and removes it', async () => {
    const image = await processPhoto(await jpegWithExif());
    await saveProjectPhoto({ actorId, projectId, alt: { en: 'Blue', ar: 'أزرق' }, image });
    const stored = await getProjectPhoto({ code: CODE });
    expect(stored?.renditions.map((r) => r.width)).toEqual([480, 960]);
    const audit = await db.auditLog.findFirst({ where: { entityId: projectId, action: 'project.photo.upload' } });
    expect(audit?.after).toMatchObject({ alt: { en: 'Blue', ar: 'أزرق' } });
    expect(JSON.stringify(audit?.after)).not.toContain('bytes');

    const rendition = stored!.renditions[1]!;
    const params = { code: CODE, file: `${rendition.width}-${rendition.hash}.webp` };
    const response = await renditionLoader({ request: new Request(`${ORIGIN}/photos/x`), params, context: CTX });
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('Content-Type')).toBe('image/webp');
    expect((await sharp(Buffer.from(await response.arrayBuffer())).metadata()).width).toBe(960);
    const again = await renditionLoader({
      request: new Request(`${ORIGIN}/photos/x`, { headers: { 'If-None-Match': response.headers.get('ETag')! } }),
      params,
      context: CTX,
    });
    expect(again.status).toBe(304);
    const wrongHash = await renditionLoader({
      request: new Request(`${ORIGIN}/photos/x`),
      params: { code: CODE, file: `960-${'0'.repeat(16)}.webp` },
      context: CTX,
    });
    expect(wrongHash.status).toBe(404);

    // Only the alt text changes: same renditions
    await saveProjectPhoto({ actorId, projectId, alt: { en: 'Blue sky' }, image: null });
    expect((await getProjectPhoto({ code: CODE }))?.renditions).toEqual(stored?.renditions);

    await removeProjectPhoto({ actorId, projectId });
    expect(await getProjectPhoto({ code: CODE })).toBeNull();
    expect(await db.projectPhotoRendition.count({ where: { projectId } })).toBe(0);
    expect(await db.auditLog.count({ where: { entityId: projectId, action: { startsWith: 'project.photo.' } } })).toBe(3);
  });

  it('through the staff route: a bad file is a 400 that changes nothing; a finance user is refused', async () => {
    const image = await processPhoto(await jpegWithExif());
    await saveProjectPhoto({ actorId, projectId, alt: { en: 'Kept' }, image });
    const before = await getProjectPhoto({ code: CODE });
    const cookieFor = async (staffUserId: string) =>
      cookieFrom(await serializeSessionCookie(get('/'), (await createSession({ staffUserId })).secret));
    const upload = (cookie: string, file: Blob) => {
      const form = new FormData();
      form.set('intent', 'save-photo');
      form.set('alt.en', 'Replaced');
      form.set('photo', file, 'photo.jpg');
      return new Request(`${ORIGIN}/staff/projects/${CODE}/photo`, {
        method: 'POST',
        body: form,
        headers: { Origin: ORIGIN, Cookie: cookie },
      });
    };
    const officerCookie = await cookieFor(actorId);
    const result = await photoAction({ request: upload(officerCookie, new Blob(['not a photo'])), params: { code: CODE }, context: CTX });
    const { init, data } = result as unknown as { init: { status: number }; data: { result: { error: Record<string, string[]> } } };
    expect(init.status).toBe(400);
    expect(data.result.error.photo).toEqual(['photos.errors.notImage']);
    expect(await getProjectPhoto({ code: CODE })).toEqual(before);

    const finance = await createStaff({ email: 'finance-photo@example.org', name: 'F', roles: ['FINANCE'] });
    const refused = await photoAction({
      request: upload(await cookieFor(finance.id), new Blob([await jpegWithExif()])),
      params: { code: CODE },
      context: CTX,
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Response);
    expect((refused as Response).status).toBe(403);
    expect(await getProjectPhoto({ code: CODE })).toEqual(before);

    const ok = await photoAction({
      request: upload(officerCookie, new Blob([await jpegWithExif()])),
      params: { code: CODE },
      context: CTX,
    });
    expect((ok as Response).status).toBe(302);
    expect((await getProjectPhoto({ code: CODE }))?.alt).toEqual({ en: 'Replaced' });
  });
});
