// New-message alerts: a short WebAudio beep (no audio file) and the Notification API when permitted.

let audio = null;

/** Creates or resumes the audio context; call it from a user gesture so later beeps may play. */
export function unlockAudio() {
  try {
    audio ??= new AudioContext();
    if (audio.state === 'suspended') {
      audio.resume().catch(() => {});
    }
  } catch {
    audio = null;
  }
}

/** Two quick tones, about 0.2 s. Returns false when the browser has no audio. */
export function beep() {
  unlockAudio();
  if (!audio) {
    return false;
  }
  const start = audio.currentTime + 0.01;
  const oscillator = audio.createOscillator();
  const gain = audio.createGain();
  oscillator.type = 'sine';
  oscillator.frequency.setValueAtTime(880, start);
  oscillator.frequency.setValueAtTime(1320, start + 0.09);
  gain.gain.setValueAtTime(0.0001, start);
  gain.gain.exponentialRampToValueAtTime(0.2, start + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.2);
  oscillator.connect(gain).connect(audio.destination);
  oscillator.start(start);
  oscillator.stop(start + 0.22);
  return true;
}

export function notificationPermission() {
  return 'Notification' in window ? Notification.permission : 'unsupported';
}

export async function askNotificationPermission() {
  if (notificationPermission() !== 'default') {
    return notificationPermission();
  }
  try {
    return await Notification.requestPermission();
  } catch {
    return notificationPermission();
  }
}

/** Shows a notification if permitted; clicking it focuses the page and runs onClick. */
export function notify(title, body, tag, onClick) {
  if (notificationPermission() !== 'granted') {
    return false;
  }
  try {
    const notification = new Notification(title, { body, tag, icon: 'icon.svg' });
    notification.onclick = () => {
      window.focus();
      onClick?.();
      notification.close();
    };
    return true;
  } catch {
    return false;
  }
}
