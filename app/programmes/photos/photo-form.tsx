// The photo of a project on the programme officers' pages: the current photo (preview, alt text,
// who uploaded it), the upload form (file and alt text in six languages; with no file, only the
// alt text changes) and the remove button. Both forms post to /staff/projects/<code>/photo, the
// one path that accepts a large body; errors show there, on the same form.
import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { LocalizedText } from '~/platform/i18n.ts';
import { FormErrors, LocalizedFields } from '../editor-fields.tsx';
import { ACCEPTED_TYPES, MAX_PHOTO_BYTES, MIN_PHOTO_WIDTH } from './photo-limits.ts';
import { photoAltSchema } from './photo-schema.ts';

type Result = SubmissionResult<string[]> | undefined;

export interface EditorPhoto {
  src: string;
  width: number;
  height: number;
  alt: string;
  altByLocale: LocalizedText;
  uploaded: string;
}

export function PhotoSection({
  code,
  photo,
  saveResult,
  removeResult,
}: {
  code: string;
  photo: EditorPhoto | null;
  saveResult: Result;
  removeResult: Result;
}) {
  const { t } = useTranslation('programme-editor');
  const action = `/staff/projects/${encodeURIComponent(code)}/photo`;
  const [form, fields] = useForm({
    id: 'save-photo',
    lastResult: saveResult,
    defaultValue: { alt: photo?.altByLocale },
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: photoAltSchema }),
  });
  const [removeForm] = useForm({ id: 'remove-photo', lastResult: removeResult });
  const photoError = (saveResult?.error?.photo ?? [])[0];
  const errorId = 'photo-file-error';
  return (
    <section id="photo" aria-labelledby="photo-title">
      <h2 id="photo-title">{t('photos.heading')}</h2>
      {photo ? (
        <figure className="staff-photo">
          <img src={photo.src} width={photo.width} height={photo.height} alt={photo.alt} className="staff-photo__preview" />
          <figcaption>{t('photos.uploaded', { when: photo.uploaded })}</figcaption>
        </figure>
      ) : (
        <p>{t('photos.none')}</p>
      )}
      <Form
        method="post"
        action={action}
        encType="multipart/form-data"
        className="editor-form"
        {...getFormProps(form)}
        aria-labelledby="photo-form-title"
      >
        <h3 id="photo-form-title">{photo ? t('photos.replaceHeading') : t('photos.uploadHeading')}</h3>
        <input type="hidden" name="intent" value="save-photo" />
        <FormErrors form={form} />
        <div className="field">
          <label htmlFor="photo-file">{t('photos.file')}</label>
          <p id="photo-file-hint" className="field__hint">
            {t(photo ? 'photos.fileHintReplace' : 'photos.fileHint', {
              size: Math.round(MAX_PHOTO_BYTES / 1024 / 1024),
              width: MIN_PHOTO_WIDTH,
            })}
          </p>
          <input
            id="photo-file"
            type="file"
            name="photo"
            accept={ACCEPTED_TYPES}
            required={!photo}
            aria-describedby={photoError ? `photo-file-hint ${errorId}` : 'photo-file-hint'}
            aria-invalid={photoError ? true : undefined}
          />
          {photoError ? (
            <p id={errorId} className="field__error">
              {t(photoError, { defaultValue: t('errors.invalid') })}
            </p>
          ) : null}
        </div>
        <LocalizedFields field={fields.alt} label={t('photos.alt')} hint={t('photos.altHint')} />
        <button type="submit" className="button">
          {photo ? t('photos.save') : t('photos.upload')}
        </button>
      </Form>
      {photo ? (
        <Form method="post" action={action} className="editor-form" {...getFormProps(removeForm)} aria-label={t('photos.removeHeading')}>
          <input type="hidden" name="intent" value="remove-photo" />
          <FormErrors form={removeForm} />
          <button type="submit" className="button button--secondary">
            {t('photos.remove')}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
