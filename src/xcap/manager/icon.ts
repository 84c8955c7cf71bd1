/** The status icon (spec/xcap-api.md §2.5), stored with org.openmobilealliance.pres-content. */

/** MIME types a status icon may have. */
export const ICON_MIME_TYPES: readonly string[] = ['image/jpeg', 'image/gif', 'image/png'];

/** A status icon: image bytes, MIME type, optional description, and where others can download it. */
export class Icon {
  constructor(
    public data: Buffer,
    public mimeType: string,
    public description: string | undefined = undefined,
    /** HTTP(S) URI of the icon: the server's `X-AGP-Alternative-Location`/`X-Alternative-Location`, else its XCAP URI. */
    public location: string | undefined = undefined,
  ) {}
}
