/** Why a package was refused, stable for API answers. */
export type PackageRejection =
  | 'invalid_name'
  | 'unsafe_entry'
  | 'too_many_files'
  | 'too_large'
  | 'unreadable_zip'
  | 'missing_manifest'
  | 'invalid_manifest'
  | 'package_taken';

/** What each refusal means, in Indonesian, for the `message_id` of an API answer. */
const MESSAGES_ID: Record<PackageRejection, string> = {
  invalid_name: 'Nama paket hanya boleh berisi huruf, angka, ".", "-" dan "_", diawali huruf atau angka, paling banyak 100 karakter.',
  unsafe_entry:
    'Zip ditolak karena ada berkas yang akan tertulis di luar folder paket (jalur absolut, "..", atau tautan simbolik). Ekspor ulang paket.',
  too_many_files: 'Zip berisi terlalu banyak berkas untuk sebuah paket. Hapus berkas yang tidak dipakai.',
  too_large: 'Paket terlalu besar. Kompres video atau tautkan video alih-alih memasukkannya ke dalam paket.',
  unreadable_zip: 'Berkas bukan zip yang dapat dibaca. Unggah berkas .zip hasil ekspor tanpa diubah.',
  missing_manifest: 'Zip tidak memiliki imsmanifest.xml di akarnya, jadi bukan paket SCORM. Zip isi folder paket, bukan foldernya.',
  invalid_manifest: 'imsmanifest.xml paket tidak dapat diputar. Ekspor ulang paket sebagai SCORM 1.2 atau SCORM 2004.',
  package_taken: 'Nama paket ini sudah dipakai oleh paket lain yang bukan milik lembaga Anda. Pilih nama lain.',
};

/**
 * A SCORM package the host refuses to unpack or play: a hostile or broken
 * zip, a missing or unreadable manifest. `message` names the cause and what
 * to do; `code` is stable for API answers and `messageId` says it in
 * Indonesian.
 */
export class PackageRejectedError extends Error {
  constructor(
    readonly code: PackageRejection,
    message: string,
  ) {
    super(message);
    this.name = 'PackageRejectedError';
  }

  get messageId(): string {
    return MESSAGES_ID[this.code];
  }
}
