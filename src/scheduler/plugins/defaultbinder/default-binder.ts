/** DefaultBinder: binds through POST pods/{name}/binding. */
import type { CycleState } from '../../framework/cycle-state.js';
import type { BindPlugin, Handle } from '../../framework/interface.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { Status } from '../../framework/status.js';
import { NAMES } from '../names.js';

export class DefaultBinder implements BindPlugin {
  readonly name = NAMES.DefaultBinder;

  constructor(private readonly handle: Handle) {}

  async bind(_state: CycleState, pod: PodInfo, nodeName: string, signal: AbortSignal): Promise<Status | undefined> {
    try {
      await this.handle.api.bind(pod.pod, nodeName, signal);
      return undefined;
    } catch (e) {
      return Status.error(e instanceof Error ? e.message : String(e), this.name);
    }
  }
}
