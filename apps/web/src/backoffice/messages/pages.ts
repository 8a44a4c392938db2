/** Entry of the messages chunk (loaded lazily by the router). */
export { MessagesPage } from './MessagesPage';
export { TemplatesPage } from './TemplatesPage';
export { TemplateEditPage } from './TemplateEditPage';
export { RulesPage } from './RulesPage';
