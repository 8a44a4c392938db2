import { Anchor, Button, Group, type AnchorProps, type ButtonProps } from '@mantine/core';
import { createLink } from '@tanstack/react-router';
import type { ComponentPropsWithRef } from 'react';
import { IconArrowLeft } from './icons';

/**
 * Mantine Anchor / Button that are router links with typed `to`, `params` and
 * `search` (Mantine's `component={Link}` loses the route types).
 */
function AnchorBase(props: AnchorProps & ComponentPropsWithRef<'a'>) {
  return <Anchor {...props} />;
}

function ButtonBase(props: ButtonProps & ComponentPropsWithRef<'a'>) {
  return <Button component="a" {...props} />;
}

/** "← Customers" above a page title. */
function BackBase({ children, ...props }: AnchorProps & ComponentPropsWithRef<'a'>) {
  return (
    <Anchor fz="sm" c="dimmed" w="fit-content" data-testid="page-back" {...props}>
      <Group gap={4} wrap="nowrap" component="span">
        <IconArrowLeft size={14} />
        {children}
      </Group>
    </Anchor>
  );
}

export const AnchorLink = createLink(AnchorBase);
export const ButtonLink = createLink(ButtonBase);
export const BackLink = createLink(BackBase);
