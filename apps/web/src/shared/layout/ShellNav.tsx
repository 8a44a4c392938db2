import type { ReactNode } from 'react';
import { NavLink, Stack } from '@mantine/core';
import { Link, useRouterState } from '@tanstack/react-router';

/** Paths the navigation links to (static pages of both shells). */
export type NavPath =
  | '/'
  | '/portal'
  | '/portal/orders'
  | '/portal/inbox'
  | '/customers'
  | '/orders'
  | '/fulfilment'
  | '/products'
  | '/inventory'
  | '/inventory/low-stock'
  | '/warehouses'
  | '/webhooks'
  | '/messages';

export interface NavLinkItem {
  to: NavPath;
  label: string;
  icon?: ReactNode;
  /** Active only on this exact path (dashboards); otherwise also on sub-paths. */
  exact?: boolean;
  /** Shown on the right (e.g. a count badge). */
  badge?: ReactNode;
  testId?: string;
}

/** A heading with links under it (e.g. Inventory → Stock, Low stock, Warehouses). */
export interface NavGroupItem {
  label: string;
  icon?: ReactNode;
  children: NavLinkItem[];
  testId?: string;
}

export type NavItem = NavLinkItem | NavGroupItem;

function isGroup(item: NavItem): item is NavGroupItem {
  return 'children' in item;
}

function matches(path: string, item: NavLinkItem): boolean {
  if (item.exact) return path === item.to;
  return path === item.to || path.startsWith(`${item.to}/`);
}

/** The link that owns the current page: the most specific match (`/inventory/low-stock` over `/inventory`). */
function activeLink(pathname: string, items: NavItem[]): NavLinkItem | undefined {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  const links = items.flatMap((item) => (isGroup(item) ? item.children : [item]));
  return links.filter((link) => matches(path, link)).sort((a, b) => b.to.length - a.to.length)[0];
}

function Item({ item, active, onNavigate }: { item: NavLinkItem; active: boolean; onNavigate?: () => void }) {
  return (
    <NavLink
      label={item.label}
      leftSection={item.icon}
      rightSection={item.badge}
      active={active}
      variant="light"
      data-testid={item.testId}
      style={{ borderRadius: 'var(--mantine-radius-md)' }}
      renderRoot={({ onClick, ...props }) => (
        <Link
          to={item.to}
          // Which link is active is decided above (`activeLink`); the router must not mark parents too.
          activeOptions={{ exact: true }}
          {...props}
          onClick={(event: React.MouseEvent<HTMLAnchorElement>) => {
            onClick?.(event);
            onNavigate?.();
          }}
        />
      )}
    />
  );
}

/** Navbar links; only pages that exist are listed. */
export function ShellNav({ items, onNavigate }: { items: NavItem[]; onNavigate?: () => void }) {
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const active = activeLink(pathname, items);
  return (
    <Stack gap={4}>
      {items.map((item) =>
        isGroup(item) ? (
          <NavLink
            key={item.label}
            label={item.label}
            leftSection={item.icon}
            defaultOpened
            childrenOffset={28}
            data-testid={item.testId}
            style={{ borderRadius: 'var(--mantine-radius-md)' }}
          >
            <Stack gap={2} mt={2}>
              {item.children.map((child) => (
                <Item key={child.to} item={child} active={child === active} onNavigate={onNavigate} />
              ))}
            </Stack>
          </NavLink>
        ) : (
          <Item key={item.to} item={item} active={item === active} onNavigate={onNavigate} />
        ),
      )}
    </Stack>
  );
}
