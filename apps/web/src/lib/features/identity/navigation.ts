import type { MeQuery } from '@throughline/sdk';

type Viewer = NonNullable<MeQuery['me']>;

export interface NavItem {
  href: string;
  text: string;
}

/** The journeys a person's roles open to them, in the order of the service navigation. */
export function navigationFor(viewer: Viewer | null): NavItem[] {
  if (!viewer) return [];
  const roles = new Set(viewer.roles);
  const items: NavItem[] = [
    { href: '/', text: 'Home' },
    { href: '/actions', text: 'Actions' },
    { href: '/board', text: 'Board' },
    { href: '/rounds', text: 'Reporting rounds' },
  ];
  if (roles.has('ADMIN') || roles.has('DHR_PANEL') || roles.has('BOARD'))
    items.push({ href: '/reviews', text: 'Reviews' });
  items.push({ href: '/voice', text: 'Survivor voice' });
  if (viewer.permissions.administer) items.push({ href: '/admin', text: 'Administration' });
  return items;
}

export function isCurrent(item: NavItem, pathname: string): boolean {
  return item.href === '/'
    ? pathname === '/'
    : pathname === item.href || pathname.startsWith(`${item.href}/`);
}
