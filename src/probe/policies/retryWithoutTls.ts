import type { TranscriptEntry } from '../../protocol/types.js';
import type { AnyStepRecord, LoginData, ProbeOptions, StepRecord } from '../types.js';
import type { RetryPolicy } from './retryPolicy.js';

/**
 * retryWithoutTls: in TLS auto mode, an anonymous login answered 530 with words about encryption
 * (vsftpd's "Anonymous sessions may not use encryption.", its default allow_anon_ssl=NO) is a
 * refusal of anonymous FTPS, not of anonymous FTP. TLS was only opportunistic, and an anonymous
 * client without FTPS gets in, so the probe starts again without TLS and keeps the refusal as
 * evidence in the TLS step.
 */
export const retryWithoutTls: RetryPolicy = {
  name: 'anonymous refused over TLS: again without TLS',
  applies(result, options) {
    const tls = result.steps.find((s): s is StepRecord<'tls'> => s.name === 'tls');
    const login = result.steps.find((s): s is StepRecord<'login'> => s.name === 'login');
    const secured = tls?.data?.handshakeMs != null && tls.data.failure === undefined;
    return secured && !login?.data?.loggedIn && refusedAnonymousOverTls(options, login?.data ?? null);
  },
  retryOptions: (options) => ({ ...options, tls: 'off' }),
  combine(first, second, options) {
    const tls = first.steps.find((s): s is StepRecord<'tls'> => s.name === 'tls')!;
    const login = first.steps.find((s): s is StepRecord<'login'> => s.name === 'login')!;
    const refused: StepRecord<'tls'> = {
      ...tls,
      data: { ...tls.data!, anonymousLoginRefused: login.data!.finalReply! },
    };
    const restart: TranscriptEntry = {
      direction: 'event',
      text: 'anonymous login refused over TLS: starting again without TLS',
      atMs: first.durationMs,
      channel: 'control',
    };
    return {
      ...second,
      options: { ...second.options, tls: options.tls },
      startedAt: first.startedAt,
      durationMs: first.durationMs + second.durationMs,
      steps: second.steps.map((step) => (step.name === 'tls' ? (refused as AnyStepRecord) : step)),
      transcript: [
        ...first.transcript,
        restart,
        ...second.transcript.map((entry) => ({ ...entry, atMs: entry.atMs + first.durationMs })),
      ],
    };
  },
};

function refusedAnonymousOverTls(options: ProbeOptions, login: LoginData | null): boolean {
  const reply = login?.finalReply;
  return (
    options.tls === 'auto' &&
    login?.anonymous === true &&
    reply?.code === 530 &&
    /\b(encrypt\w*|ssl|tls)\b/i.test(reply.text)
  );
}
