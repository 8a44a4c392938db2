import type { Config } from '../../../platform/config.js';
import type { Channel, ChannelId } from './channel.js';
import { createEmailChannel } from './email.js';
import { createPortalChannel } from './portal.js';
import { createSmsChannel } from './sms.js';

export type ChannelRegistry = Record<ChannelId, Channel>;

/** Every channel, built once per process from the configuration. */
export function channelsFor(deps: { config: Pick<Config, 'smtpUrl' | 'smsUrl' | 'smsToken' | 'smsSender' | 'smsMaxSegments'> }): ChannelRegistry {
  return { email: createEmailChannel({ smtpUrl: deps.config.smtpUrl }), sms: createSmsChannel(deps.config), portal: createPortalChannel() };
}
