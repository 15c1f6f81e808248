import {
  Button,
  Field,
  Input,
  Link,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { LockClosedRegular, PersonRegular } from '@fluentui/react-icons';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionAttempt, SessionInfo, SessionRefusal } from '../../../shared/contract';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useSignIn, useSignOut, useUnlock } from '../../api/use-session';

const useStyles = makeStyles({
  page: {
    height: '100%',
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    justifyContent: 'center',
    backgroundColor: tokens.colorNeutralBackground2,
    position: 'relative',
  },
  language: {
    position: 'absolute',
    top: tokens.spacingVerticalM,
    right: tokens.spacingHorizontalL,
  },
  card: {
    width: '380px',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalXXL} ${tokens.spacingHorizontalXXL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow8,
  },
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
  appName: { color: tokens.colorBrandForeground1 },
  heading: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    margin: 0,
  },
  icon: { fontSize: '24px', color: tokens.colorNeutralForeground3 },
  server: { color: tokens.colorNeutralForeground3, wordBreak: 'break-all' },
  actions: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
  },
});

/** The login screen, or the lock screen while a session is locked. */
export function SignInPage({ info }: { info: SessionInfo }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const locked = info.state === 'locked';
  return (
    <div className={styles.page}>
      <div className={styles.language}>
        <LanguageSwitch />
      </div>
      <main className={styles.card} data-testid={locked ? 'lock-screen' : 'login-screen'}>
        <Text weight="semibold" size={400} className={styles.appName}>
          {t('app.name')}
        </Text>
        <h1 className={styles.heading}>
          {locked ? (
            <LockClosedRegular className={styles.icon} aria-hidden />
          ) : (
            <PersonRegular className={styles.icon} aria-hidden />
          )}
          <Text size={600} weight="semibold">
            {locked ? t('session.lockedTitle') : t('session.signInTitle')}
          </Text>
        </h1>
        {locked ? <UnlockForm info={info} /> : <LoginForm info={info} />}
        <Text size={200} className={styles.server}>
          {t('session.server', { server: info.serverUrl })}
        </Text>
      </main>
    </div>
  );
}

function useRefusalText() {
  const { t } = useTranslation();
  return (refused: SessionRefusal): string => {
    if (refused.reason === 'login_locked') {
      return refused.retryAfterSeconds
        ? t('session.refused.login_locked', {
            minutes: Math.max(1, Math.ceil(refused.retryAfterSeconds / 60)),
          })
        : t('session.refused.login_locked_later');
    }
    return t(`session.refused.${refused.reason}`);
  };
}

function Problem({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <MessageBar intent="error" layout="multiline" role="alert" data-testid="session-problem">
      <MessageBarBody>{text}</MessageBarBody>
    </MessageBar>
  );
}

/** The password box of the login and the lock screen. */
function PasswordField({
  value,
  onChange,
  missing,
  autoFocus = false,
  testId,
}: {
  value: string;
  onChange: (value: string) => void;
  missing: boolean;
  autoFocus?: boolean;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Field
      label={t('session.password')}
      required
      validationMessage={missing ? t('session.required') : undefined}
    >
      <Input
        type="password"
        value={value}
        onChange={(_event, data) => onChange(data.value)}
        autoComplete="current-password"
        autoFocus={autoFocus}
        data-testid={testId}
      />
    </Field>
  );
}

function SubmitButton({
  pending,
  label,
  testId,
}: {
  pending: boolean;
  label: string;
  testId: string;
}) {
  return (
    <Button
      type="submit"
      appearance="primary"
      disabled={pending}
      icon={pending ? <Spinner size="tiny" /> : undefined}
      data-testid={testId}
    >
      {label}
    </Button>
  );
}

/**
 * A form's password and whether to mark it missing. A refused password is typed again, never
 * left in the field; the refusal says why, so the empty field is not marked missing on top.
 */
function usePasswordEntry() {
  const [password, setPassword] = useState('');
  const [tried, setTried] = useState(false);
  return {
    password,
    setPassword,
    missing: tried && !password,
    tried: () => setTried(true),
    settled: () => {
      setPassword('');
      setTried(false);
    },
  };
}

/** What went wrong with the last attempt, in words; null when nothing did. */
function useProblem(attempt: { error: Error | null; data?: SessionAttempt | undefined }) {
  const { t } = useTranslation();
  const refusalText = useRefusalText();
  if (attempt.error) return t('session.failed', { error: attempt.error.message });
  const refused = attempt.data?.refused ?? null;
  return refused ? refusalText(refused) : null;
}

function LoginForm({ info }: { info: SessionInfo }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const signIn = useSignIn();
  const entry = usePasswordEntry();
  const [username, setUsername] = useState('');
  const [tried, setTried] = useState(false);
  const problem =
    useProblem(signIn) ?? (info.ended && !signIn.data ? t(`session.ended.${info.ended}`) : null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    entry.tried();
    if (!username.trim() || !entry.password || signIn.isPending) return;
    signIn.mutate(
      { username: username.trim(), password: entry.password },
      {
        onSettled: () => {
          entry.settled();
          setTried(false);
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <div className={styles.form}>
        <Text>{t('session.signInIntro')}</Text>
        <Problem text={problem} />
        <Field
          label={t('session.username')}
          required
          validationMessage={tried && !username.trim() ? t('session.required') : undefined}
        >
          <Input
            value={username}
            onChange={(_event, data) => setUsername(data.value)}
            autoComplete="username"
            autoFocus
            data-testid="login-username"
          />
        </Field>
        <PasswordField
          value={entry.password}
          onChange={entry.setPassword}
          missing={entry.missing}
          testId="login-password"
        />
        <div className={styles.actions}>
          <SubmitButton
            pending={signIn.isPending}
            label={signIn.isPending ? t('session.signingIn') : t('session.signIn')}
            testId="login-submit"
          />
        </div>
      </div>
    </form>
  );
}

function UnlockForm({ info }: { info: SessionInfo }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const unlock = useUnlock();
  const signOut = useSignOut();
  const entry = usePasswordEntry();
  const problem = useProblem(unlock);
  const name = info.displayName
    ? `${info.displayName} (${info.username ?? ''})`
    : (info.username ?? '');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    entry.tried();
    if (!entry.password || unlock.isPending) return;
    unlock.mutate(entry.password, { onSettled: entry.settled });
  };

  return (
    <form onSubmit={submit} noValidate>
      <div className={styles.form}>
        <Text>{t('session.lockedIntro', { name })}</Text>
        <Problem text={problem} />
        <PasswordField
          value={entry.password}
          onChange={entry.setPassword}
          missing={entry.missing}
          autoFocus
          testId="unlock-password"
        />
        <div className={styles.actions}>
          <SubmitButton
            pending={unlock.isPending}
            label={unlock.isPending ? t('session.unlocking') : t('session.unlock')}
            testId="unlock-submit"
          />
          <Link
            as="button"
            type="button"
            onClick={() => signOut.mutate()}
            disabled={signOut.isPending}
            data-testid="unlock-sign-out"
          >
            {t('session.otherUser')}
          </Link>
        </div>
      </div>
    </form>
  );
}
