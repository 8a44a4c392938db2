import type {
  LoginRequest,
  PortalSession,
  StaffSession,
  UpdateMeRequest,
} from '@ordercare/contracts';
import { api, isApiError, setCsrfToken } from './client';

/** `null` when the caller has no session (the server answered 401). */
async function orNullOn401<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

export const staffAuth = {
  async login(body: LoginRequest): Promise<StaffSession> {
    const session = await api.post<StaffSession>('/api/v1/auth/login', body, { csrf: false });
    setCsrfToken('staff', session.csrfToken);
    return session;
  },
  async me(): Promise<StaffSession | null> {
    const session = await orNullOn401(api.get<StaffSession>('/api/v1/auth/me'));
    setCsrfToken('staff', session?.csrfToken ?? null);
    return session;
  },
  async updateMe(body: UpdateMeRequest): Promise<StaffSession> {
    const session = await api.patch<StaffSession>('/api/v1/auth/me', body);
    setCsrfToken('staff', session.csrfToken);
    return session;
  },
  async logout(): Promise<void> {
    try {
      await api.post<void>('/api/v1/auth/logout');
    } finally {
      setCsrfToken('staff', null);
    }
  },
};

export const portalAuth = {
  async login(body: LoginRequest): Promise<PortalSession> {
    const session = await api.post<PortalSession>('/api/v1/portal/auth/login', body, {
      csrf: false,
    });
    setCsrfToken('portal', session.csrfToken);
    return session;
  },
  async me(): Promise<PortalSession | null> {
    const session = await orNullOn401(api.get<PortalSession>('/api/v1/portal/auth/me'));
    setCsrfToken('portal', session?.csrfToken ?? null);
    return session;
  },
  async updateMe(body: UpdateMeRequest): Promise<PortalSession> {
    const session = await api.patch<PortalSession>('/api/v1/portal/auth/me', body);
    setCsrfToken('portal', session.csrfToken);
    return session;
  },
  async logout(): Promise<void> {
    try {
      await api.post<void>('/api/v1/portal/auth/logout');
    } finally {
      setCsrfToken('portal', null);
    }
  },
};
