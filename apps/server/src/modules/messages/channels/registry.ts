import type { Deps } from '../../../deps.js';
import { channelsFor, type ChannelRegistry } from './index.js';

const built = new WeakMap<object, ChannelRegistry>();

/** The channels of a runtime, built once per deps object (one SMTP transport per process). */
export function channelsOf(deps: Pick<Deps, 'config'>): ChannelRegistry {
  let channels = built.get(deps.config);
  if (!channels) {
    channels = channelsFor(deps);
    built.set(deps.config, channels);
  }
  return channels;
}
