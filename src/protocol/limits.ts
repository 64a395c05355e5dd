/**
 * Size limits for everything a server sends us. A diagnostic tool talks to servers that are
 * broken or hostile by assumption, so every buffer has a ceiling; crossing one is reported as a
 * ProtocolViolationError instead of letting memory grow without bound.
 */

/*
 * Reply limits come in two tiers. What a real client tolerates decides where a reply stops being
 * usable; what a doctor needs to keep decides memory. Measured on Debian 12 against the fake
 * server (a 220 greeting of one long line, or of many short lines, then a listing):
 * - curl 7.88.1 lists after a single greeting line of 200,000 characters and gives up (exit 56)
 *   at 225,000; it lists after a 20,000-line greeting (about 260 KB) and gives up at 25,000 lines.
 * - lftp 4.9.2 lists after a single 5,000,000-character line and after 200,000 lines.
 * So replies far longer than any legitimate one still work in real clients: past the kept limits
 * the text is cut (and the cut reported), and only past the hard limits, far beyond what curl
 * reads, is the reply a protocol failure, so that memory and time stay bounded.
 */

/**
 * MAX_KEPT_LINE_LENGTH is how much of one control-channel line is kept, in characters. The
 * longest legitimate lines quote a path (257, 250, 550) or an MLST fact line: PATH_MAX (4096 on
 * Linux) plus room for the code and the facts fits. Longer lines are cut here and reported.
 */
export const MAX_KEPT_LINE_LENGTH = 8192;

/**
 * MAX_KEPT_REPLY_LINES is how many lines of one reply are kept (the last line always is). FEAT
 * lists a few dozen features and HELP a few hundred commands; STAT on a directory can list it over
 * the control channel, the only legitimate case for thousands of lines.
 */
export const MAX_KEPT_REPLY_LINES = 2000;

/**
 * MAX_REPLY_BYTES is the hard limit on one reply, in characters including terminators: 64 times
 * what curl reads and more than lftp was measured with. A reply that goes on past it is treated
 * as a flood (a protocol failure), also while it is still unfinished.
 */
export const MAX_REPLY_BYTES = 16 * 1024 * 1024;

/** MAX_LINE_LENGTH is the hard limit on one line: a reply's hard limit applies to its lines too. */
export const MAX_LINE_LENGTH = MAX_REPLY_BYTES;

/** MAX_REPLY_LINES is the hard limit on the lines of one reply (lftp was measured with 200,000). */
export const MAX_REPLY_LINES = 1_000_000;

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
