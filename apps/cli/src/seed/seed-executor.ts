import type { CommandResult, Principal, Vouch, VouchCommand } from '@vouch/application';
import { DomainError, type DomainErrorCode } from '@vouch/domain';
import type { EventStore, RecordedEvent } from '@vouch/event-store';

/**
 * Refusals a living program meets every day: the seed tries what people would try and
 * lets the domain's gates say no. Any other refusal is a bug in the seed and stops it.
 */
const EXPECTED_REFUSALS: ReadonlySet<DomainErrorCode> = new Set<DomainErrorCode>([
  'ACCOUNT_HEALTH_BELOW_THRESHOLD',
  'FATIGUE_LIMIT',
  'CONSENT_REQUIRED',
  'ADVOCATE_UNAVAILABLE',
  'OWNER_APPROVAL_REQUIRED',
  'REWARD_APPROVAL_REQUIRED',
  'REWARD_CAP_EXCEEDED',
  'PER_USE_APPROVAL_REQUIRED',
  'CONTENT_USE_LIMIT_REACHED',
  'ACCOUNT_SUPPRESSED',
]);

/** Runs the seed's commands through the facade, counting what was done and what was refused. */
export class SeedExecutor {
  readonly executed = new Map<string, number>();
  readonly refused = new Map<string, number>();
  private commandSequence = 0;

  constructor(
    private readonly vouch: Vouch,
    private readonly store: EventStore,
    private readonly tenantId: string,
  ) {}

  /** A command id unique in the seed and the same on every run of the same seed. */
  nextCommandId(): string {
    this.commandSequence += 1;
    return `seed-${this.commandSequence}`;
  }

  /** Executes; returns undefined when the domain refused for an expected reason. */
  async try(
    principal: Principal,
    command: Omit<VouchCommand, 'commandId'>,
  ): Promise<CommandResult | undefined> {
    try {
      return await this.run(principal, command);
    } catch (error) {
      if (error instanceof DomainError && EXPECTED_REFUSALS.has(error.code)) {
        const key = `${command.type}: ${error.code}`;
        this.refused.set(key, (this.refused.get(key) ?? 0) + 1);
        return undefined;
      }
      throw error;
    }
  }

  /** Executes a command the seed expects to succeed. */
  async run(principal: Principal, command: Omit<VouchCommand, 'commandId'>): Promise<CommandResult> {
    const result = await this.vouch.execute(principal, {
      ...command,
      commandId: this.nextCommandId(),
    } as VouchCommand);
    this.executed.set(command.type, (this.executed.get(command.type) ?? 0) + 1);
    return result;
  }

  /**
   * Waits until a process manager's reaction has been recorded on a stream: the seed waits
   * for every reaction it depends on, so the same seed always gives the same history.
   */
  async reaction(
    streamId: string,
    matches: (event: RecordedEvent) => boolean,
    what: string,
    timeoutMs = 10_000,
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    // After the first look at the stream's last events, only what came after them: an empty
    // read decodes nothing (no data-key look-up for the stream's personal events every time).
    let seen = 0;
    for (;;) {
      const recent = await this.store.readStream(
        this.tenantId,
        streamId,
        seen === 0 ? { direction: 'backwards', limit: 25 } : { fromVersion: seen + 1 },
      );
      if (recent.some(matches)) return;
      for (const event of recent) seen = Math.max(seen, event.version);
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what} on ${streamId}.`);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  }
}
