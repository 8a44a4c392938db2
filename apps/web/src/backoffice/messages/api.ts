import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Locale,
  Message,
  MessageChannel,
  MessageList,
  MessageRule,
  MessageRuleList,
  MessagesStatus,
  MessageStatus,
  MessageTemplate,
  MessageTemplateList,
  MessageTemplateVersions,
  PreviewTemplateRequest,
  SaveTemplateRequest,
  TemplateKey,
  TemplatePreview,
  TestSendRequest,
  TestSendResult,
  UpdateMessageRuleRequest,
} from '@ordercare/contracts';
import { api, ifMatch } from '../../api/client';
import { useCursorList } from '../../shared/useCursorList';

export const messageKeys = {
  all: ['messages'] as const,
  status: ['messages', 'status'] as const,
  list: (filter: MessageFilter) => ['messages', 'list', filter] as const,
  templates: ['messages', 'templates'] as const,
  template: (key: string, channel: string, locale: string) => ['messages', 'templates', key, channel, locale] as const,
  versions: (key: string, channel: string, locale: string) => ['messages', 'templates', key, channel, locale, 'versions'] as const,
  rules: ['messages', 'rules'] as const,
};

export interface MessageFilter {
  customerId?: string;
  orderId?: string;
  status?: MessageStatus;
  channel?: MessageChannel;
}

const templatePath = (key: string, channel: string, locale: string) => `/api/v1/templates/${encodeURIComponent(key)}/${encodeURIComponent(channel)}/${encodeURIComponent(locale)}`;

export function useMessagesStatus(enabled = true) {
  return useQuery({ queryKey: messageKeys.status, queryFn: () => api.get<MessagesStatus>('/api/v1/messages/status'), staleTime: 5 * 60_000, enabled });
}

export function useMessageList(filter: MessageFilter, options: { limit?: number; enabled?: boolean } = {}) {
  return useCursorList(messageKeys.list(filter), (cursor) => api.get<MessageList>('/api/v1/messages', { query: { limit: options.limit ?? 50, cursor, ...filter } }), { enabled: options.enabled ?? true });
}

export function useResendMessage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<Message>(`/api/v1/messages/${encodeURIComponent(id)}/resend`, {}),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: messageKeys.all }),
  });
}

export function useTemplates() {
  return useQuery({ queryKey: messageKeys.templates, queryFn: () => api.get<MessageTemplateList>('/api/v1/templates') });
}

export function useTemplate(key: TemplateKey, channel: MessageChannel, locale: Locale) {
  return useQuery({ queryKey: messageKeys.template(key, channel, locale), queryFn: () => api.get<MessageTemplate>(templatePath(key, channel, locale)) });
}

export function useTemplateVersions(key: TemplateKey, channel: MessageChannel, locale: Locale) {
  return useQuery({ queryKey: messageKeys.versions(key, channel, locale), queryFn: () => api.get<MessageTemplateVersions>(`${templatePath(key, channel, locale)}/versions`) });
}

export function useSaveTemplate(key: TemplateKey, channel: MessageChannel, locale: Locale) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SaveTemplateRequest) => api.put<MessageTemplate>(templatePath(key, channel, locale), body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: messageKeys.templates }),
  });
}

/** Renders the editor's current text against an order; refetches as the text changes. */
export function usePreview(body: PreviewTemplateRequest | null) {
  return useQuery({
    queryKey: ['messages', 'preview', body],
    queryFn: () => api.post<TemplatePreview>('/api/v1/templates/preview', body),
    enabled: body !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function useTestSend(key: TemplateKey, channel: MessageChannel, locale: Locale) {
  return useMutation({ mutationFn: (body: TestSendRequest) => api.post<TestSendResult>(`${templatePath(key, channel, locale)}/test-send`, body) });
}

export function useRules() {
  return useQuery({ queryKey: messageKeys.rules, queryFn: () => api.get<MessageRuleList>('/api/v1/message-rules') });
}

export function useUpdateRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ rule, body }: { rule: MessageRule; body: UpdateMessageRuleRequest }) => api.put<MessageRule>(`/api/v1/message-rules/${rule.event}`, body, { headers: ifMatch(rule.version) }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: messageKeys.rules }),
  });
}
