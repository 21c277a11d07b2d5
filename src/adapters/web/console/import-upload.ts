import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';

// The most an import file (or the pasted text) may be: a few thousand rows
// take far less.
export const IMPORT_FILE_LIMIT = 1024 * 1024;

// A CSV file as saved by a spreadsheet or an editor. Excel's .xlsx and other
// binary files are refused before they are read as text.
const CSV_TYPES = new Set(['text/csv', 'text/plain']);

// What the import form's file field brought: nothing (no file chosen), the
// file's text, or why it was refused (a form error, not a crash).
export type ImportUpload = { kind: 'none' } | { kind: 'file'; name: string; text: string } | { kind: 'refused'; message: string; status: 400 | 413 };

const uploads = new WeakMap<FastifyRequest, ImportUpload>();

export function importUploadOf(request: FastifyRequest): ImportUpload {
  return uploads.get(request) ?? { kind: 'none' };
}

const tooLarge = (): ImportUpload => ({ kind: 'refused', status: 413, message: `The file is larger than ${IMPORT_FILE_LIMIT / 1024 / 1024} MiB: split it into smaller files.` });

function refusalOf(error: unknown): ImportUpload {
  const code = (error as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge();
  if (code === 'FST_FILES_LIMIT') return { kind: 'refused', status: 400, message: 'Upload one file at a time.' };
  return { kind: 'refused', status: 400, message: 'The upload could not be read: choose the file and send the form again.' };
}

function fileOf(name: string, mimetype: string, bytes: Buffer): ImportUpload {
  // A form sent without a chosen file still has the field, empty and nameless.
  if (name === '' && bytes.length === 0) return { kind: 'none' };
  if (!CSV_TYPES.has(mimetype.toLowerCase())) return { kind: 'refused', status: 400, message: `${name} is not a CSV file (it is ${mimetype}): save it as CSV (text) and upload that.` };
  try {
    return { kind: 'file', name, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { kind: 'refused', status: 400, message: `${name} is not UTF-8 text: in Excel, save it as "CSV UTF-8".` };
  }
}

// Multipart only for the import route's own scope: one file of at most
// IMPORT_FILE_LIMIT, and a few small fields. The form's fields become the body
// (so the console guard finds its CSRF token there, as in any other form) and
// the file, or why it was refused, is kept aside for the route. This runs in
// preValidation, before the guard's preHandler; a refused upload only ever
// shows the form again, after the guard.
export async function acceptImportUploads(scope: FastifyInstance): Promise<void> {
  await scope.register(fastifyMultipart, { limits: { files: 1, fileSize: IMPORT_FILE_LIMIT, fieldSize: IMPORT_FILE_LIMIT, fields: 8, parts: 9 } });
  scope.addHook('preValidation', async (request) => {
    if (!request.isMultipart()) return;
    const fields: Record<string, string> = {};
    let upload: ImportUpload = { kind: 'none' };
    try {
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          upload = fileOf(part.filename, part.mimetype, await part.toBuffer());
        } else if (part.valueTruncated) {
          upload = tooLarge();
        } else if (typeof part.value === 'string') {
          fields[part.fieldname] = part.value;
        }
      }
    } catch (error) {
      upload = refusalOf(error);
      // The rest of the body is read and dropped, so the browser gets the answer
      // rather than a connection reset while it is still sending.
      request.raw.resume();
    }
    request.body = fields;
    uploads.set(request, upload);
  });
}
