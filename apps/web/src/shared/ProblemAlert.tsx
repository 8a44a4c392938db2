import type { ReactNode } from 'react';
import { Alert, List, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formPath, problemOf, type FieldError } from './problem';
import { IconAlert } from './icons';

interface ProblemAlertProps {
  error: unknown;
  /** Title of the alert; defaults to "Something went wrong". */
  title?: string;
  /** Field errors that no form field shows (see `applyFieldErrors`). */
  fieldErrors?: FieldError[];
  /** Replaces the server's detail (e.g. a friendlier text for a known code). */
  message?: ReactNode;
  /** Buttons under the message (e.g. "Reload"). */
  children?: ReactNode;
  testId?: string;
}

/** Shows a failed call: the problem+json `detail`, or a network message. Renders nothing without an error. */
export function ProblemAlert({ error, title, fieldErrors, message, children, testId = 'problem-alert' }: ProblemAlertProps) {
  const { t } = useTranslation();
  if (!error) return null;
  const problem = problemOf(error);
  const text =
    message ??
    (problem && problem.code !== 'network_error'
      ? problem.detail
      : problem
        ? t('errors.network')
        : error instanceof Error
          ? error.message
          : t('errors.genericTitle'));
  return (
    <Alert
      data-testid={testId}
      data-code={problem?.code}
      role="alert"
      color="red"
      variant="light"
      title={title ?? t('errors.genericTitle')}
      icon={<IconAlert />}
    >
      <Stack gap="xs">
        <div>{text}</div>
        {fieldErrors && fieldErrors.length > 0 ? (
          <List size="sm">
            {fieldErrors.map((item) => (
              <List.Item key={`${item.path}:${item.message}`}>
                {formPath(item.path) ?? item.path}: {item.message}
              </List.Item>
            ))}
          </List>
        ) : null}
        {children}
      </Stack>
    </Alert>
  );
}
