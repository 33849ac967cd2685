// URLs in logs and messages lose their credentials (https://user:pass@host → https://***@host).

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username === '' && parsed.password === '') return url;
    parsed.username = '***';
    parsed.password = '';
    return parsed.toString();
  } catch {
    // Not a URL: still hide anything that looks like userinfo.
    return url.replace(/\/\/[^/@\s]*@/g, '//***@');
  }
}
