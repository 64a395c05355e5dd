/**
 * Size limits for everything a server sends us. A diagnostic tool talks to servers that are
 * broken or hostile by assumption, so every buffer has a ceiling; crossing one is reported as a
 * ProtocolViolationError instead of letting memory grow without bound.
 */

/**
 * MAX_LINE_LENGTH is the longest control-channel line, in characters, without its terminator.
 * Real reply lines are short; the longest legitimate ones quote a path (257, 250, 550) or an MLST
 * fact line, so PATH_MAX (4096 on Linux) plus generous room for the code and the facts fits.
 */
export const MAX_LINE_LENGTH = 8192;

/**
 * MAX_REPLY_LINES is the most lines one reply may have. FEAT lists a few dozen features and HELP a
 * few hundred commands; STAT on a directory can list it over the control channel, which is the
 * only legitimate case for thousands of lines, and a doctor never needs all of them.
 */
export const MAX_REPLY_LINES = 2000;

/**
 * MAX_REPLY_BYTES caps one reply, in characters including line terminators: 2000 lines of about
 * 128 characters. Checked on the incomplete tail as well, so a multi-line reply that never ends
 * is cut off once it passes this size.
 */
export const MAX_REPLY_BYTES = 256 * 1024;

/**
 * MAX_LISTING_BYTES caps what a data connection may deliver for a directory listing. The probe
 * lists one directory only to prove the data channel works, and previews a few lines; 1 MiB is
 * several thousand entries, far more than the proof needs.
 */
export const MAX_LISTING_BYTES = 1024 * 1024;

/**
 * MAX_QUEUED_REPLIES is how many replies may wait unread. FTP has no unsolicited replies
 * (RFC 959 §5.4): apart from a greeting, a 120 before it, or one duplicate, nothing arrives
 * unasked, so a queue this long means the peer floods the control channel.
 */
export const MAX_QUEUED_REPLIES = 32;

/**
 * MAX_TRANSCRIPT_ENTRIES caps the control-channel transcript kept in memory (and later printed
 * with -v). A probe sends a few dozen commands; the cap only matters for pathological replies.
 */
export const MAX_TRANSCRIPT_ENTRIES = 10_000;

/** MAX_OFFENDING_TEXT is how much untrusted text an error carries along as evidence. */
export const MAX_OFFENDING_TEXT = 200;
