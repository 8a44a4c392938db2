import type { ReactNode } from 'react';
import { NavLink, Stack } from '@mantine/core';
import { Link, useRouterState } from '@tanstack/react-router';

export interface NavItem {
  to: '/' | '/portal';
  label: string;
  icon?: ReactNode;
  /** Active only on this exact path (dashboards); otherwise also on sub-paths. */
  exact?: boolean;
}

function isActive(pathname: string, item: NavItem): boolean {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (item.exact) return path === item.to;
  return path === item.to || path.startsWith(`${item.to}/`);
}

/** Navbar links; only pages that exist are listed. */
export function ShellNav({ items, onNavigate }: { items: NavItem[]; onNavigate?: () => void }) {
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  return (
    <Stack gap={4}>
      {items.map((item) => (
        <NavLink
          key={item.to}
          label={item.label}
          leftSection={item.icon}
          active={isActive(pathname, item)}
          variant="light"
          style={{ borderRadius: 'var(--mantine-radius-md)' }}
          renderRoot={({ onClick, ...props }) => (
            <Link
              to={item.to}
              {...props}
              onClick={(event: React.MouseEvent<HTMLAnchorElement>) => {
                onClick?.(event);
                onNavigate?.();
              }}
            />
          )}
        />
      ))}
    </Stack>
  );
}
