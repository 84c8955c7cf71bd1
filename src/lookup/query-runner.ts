import { DNSLookupError, errorKindOfCode } from './errors.js';
import type { DNSLookupContext, DNSLookupTraceData } from './notifications.js';
import type { DNSResolver, NaptrRecord, SrvRecord } from './resolver.js';

/** The record types a lookup queries, with what each query returns. */
export interface QueryAnswers {
  NAPTR: NaptrRecord;
  SRV: SrvRecord;
  A: string;
  AAAA: string;
  TXT: string[];
}

/** A record type this layer queries. */
export type QueryType = keyof QueryAnswers;

/** What every trace of one lookup shares. */
export interface QueryContext {
  context: DNSLookupContext;
  uri: string;
  service?: string;
  nameservers: string[];
}

/**
 * Runs the DNS queries of one lookup: turns resolver failures into
 * {@link DNSLookupError}s and reports every query through `trace`
 * (`DNSLookupTrace`, middleware spec §21). When the lookup's lifetime ends or
 * its caller aborts, {@link QueryRunner.abort} cancels what is in flight and
 * every later query fails at once with the same kind.
 */
export class QueryRunner {
  private abortedAs: 'timeout' | 'cancelled' | undefined;

  constructor(
    private readonly resolver: DNSResolver,
    private readonly queryContext: QueryContext,
    private readonly trace: (data: DNSLookupTraceData) => void,
  ) {}

  /** Whether the lookup was stopped (lifetime over or aborted): no step may fall back then. */
  get aborted(): boolean {
    return this.abortedAs !== undefined;
  }

  /** Stops the lookup: queries in flight and later ones fail with `kind`. */
  abort(kind: 'timeout' | 'cancelled'): void {
    if (this.abortedAs) return;
    this.abortedAs = kind;
    this.resolver.cancel();
  }

  /** Queries `name` for records of `type`; rejects with a {@link DNSLookupError}. */
  async query<T extends QueryType>(type: T, name: string): Promise<QueryAnswers[T][]> {
    if (this.abortedAs) throw this.abortError(type, name);
    let answer: QueryAnswers[T][];
    try {
      answer = (await this.send(type, name)) as QueryAnswers[T][];
    } catch (cause) {
      const error = this.abortedAs ? this.abortError(type, name, cause) : this.mapError(type, name, cause);
      this.trace({ ...this.queryContext, queryType: type, queryName: name, answer: null, error });
      throw error;
    }
    if (!Array.isArray(answer)) {
      const error = new DNSLookupError(`${type} ${name}: the resolver gave no list of records`, 'bad-answer', {
        queryType: type,
        queryName: name,
      });
      this.trace({ ...this.queryContext, queryType: type, queryName: name, answer: null, error });
      throw error;
    }
    this.trace({ ...this.queryContext, queryType: type, queryName: name, answer, error: null });
    return answer;
  }

  private send(type: QueryType, name: string): Promise<unknown[]> {
    switch (type) {
      case 'NAPTR':
        return this.resolver.resolveNaptr(name);
      case 'SRV':
        return this.resolver.resolveSrv(name);
      case 'A':
        return this.resolver.resolve4(name);
      case 'AAAA':
        return this.resolver.resolve6(name);
      case 'TXT':
        return this.resolver.resolveTxt(name);
    }
  }

  private abortError(type: QueryType, name: string, cause?: unknown): DNSLookupError {
    const kind = this.abortedAs ?? 'cancelled';
    const what = kind === 'timeout' ? 'the lookup ran out of time' : 'the lookup was aborted';
    return new DNSLookupError(`${type} ${name}: ${what}`, kind, { queryType: type, queryName: name, cause });
  }

  private mapError(type: QueryType, name: string, cause: unknown): DNSLookupError {
    const code = typeof (cause as { code?: unknown })?.code === 'string' ? (cause as { code: string }).code : undefined;
    const kind = errorKindOfCode(code);
    const reason: Record<string, string> = {
      'not-found': 'no such domain',
      'no-data': `no ${type} records`,
      timeout: 'no nameserver answered in time',
      cancelled: 'query cancelled',
      'bad-answer': 'malformed answer',
      'server-failure': 'the nameserver failed',
    };
    const detail = code ? ` (${code})` : cause instanceof Error ? ` (${cause.message})` : '';
    return new DNSLookupError(`${type} ${name}: ${reason[kind] ?? kind}${detail}`, kind, {
      queryType: type,
      queryName: name,
      ...(code === undefined ? {} : { code }),
      cause,
    });
  }
}
