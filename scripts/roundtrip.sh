#!/bin/sh
# The corpus round trip: converts each report of CORPUS_DIR (*.txt, UTF-8) into the files a
# reviewer receives, with real generators, into OUT_DIR (not committed; the test uses
# target/roundtrip):
#   OUT_DIR/html/NAME.html          the report as HTML: one <p> per line, first-line indents
#   OUT_DIR/soffice-pdf/NAME.pdf    LibreOffice Writer: the HTML → PDF
#   OUT_DIR/chromium-pdf/NAME.pdf   Chromium print-to-PDF of the HTML
#   OUT_DIR/soffice-doc/NAME.doc    LibreOffice Writer: the .txt → Word 97–2003 .doc
# crates/fazhi_core/tests/roundtrip.rs runs it and compares the analysis of every converted
# file with the analysis of the .txt.
#
# Usage: scripts/roundtrip.sh CORPUS_DIR OUT_DIR
# Needs: soffice (Debian: libreoffice-writer-nogui), chromium, fonts-noto-cjk.
# Environment: SOFFICE, CHROMIUM override the programs.
set -eu
if [ $# -ne 2 ]; then
  echo "usage: $0 CORPUS_DIR OUT_DIR" >&2
  exit 2
fi
corpus=$1
out=$2
soffice=${SOFFICE:-soffice}
chromium=${CHROMIUM:-chromium}
for tool in "$soffice" "$chromium"; do
  command -v "$tool" >/dev/null 2>&1 || { echo "$0: $tool not found" >&2; exit 3; }
done

rm -rf "$out/html" "$out/soffice-pdf" "$out/chromium-pdf" "$out/soffice-doc"
mkdir -p "$out/html" "$out/soffice-pdf" "$out/chromium-pdf" "$out/soffice-doc"
out=$(cd "$out" && pwd)
# Own profiles: another LibreOffice or Chromium running on the machine (or a second run of
# this script) must not share them — a locked LibreOffice profile makes soffice exit silently.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT INT TERM

set --
for txt in "$corpus"/*.txt; do
  [ -f "$txt" ] || continue
  name=$(basename "$txt" .txt)
  # HTML: every line a paragraph (so each heading keeps its line), escaped; official-document
  # layout (16pt, first-line indent of two characters, a little space between paragraphs).
  {
    printf '<!DOCTYPE html><html><head><meta charset="utf-8"><title>%s</title><style>' "$name"
    printf '@page{size:A4;margin:2.5cm 2cm}body{font-family:"Noto Sans CJK SC",sans-serif;font-size:16pt;margin:0}'
    printf 'p{text-indent:2em;margin:0 0 .5em 0;line-height:1.5}</style></head><body>\n'
    sed -e 's/\r$//' -e '/^[[:space:]]*$/d' -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' \
      -e 's/^/<p>/' -e 's/$/<\/p>/' "$txt"
    printf '</body></html>\n'
  } > "$out/html/$name.html"
  set -- "$@" "$txt"
done
if [ $# -eq 0 ]; then
  echo "$0: no .txt files in $corpus" >&2
  exit 4
fi

lo() {
  "$soffice" "-env:UserInstallation=file://$profile/lo" --headless "$@" >/dev/null
}
lo --infilter="HTML (StarWriter)" --convert-to pdf:writer_pdf_Export --outdir "$out/soffice-pdf" "$out"/html/*.html
lo --infilter="Text (encoded):UTF8,LF,,," --convert-to doc --outdir "$out/soffice-doc" "$@"

for html in "$out"/html/*.html; do
  name=$(basename "$html" .html)
  "$chromium" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    "--user-data-dir=$profile/chromium" "--print-to-pdf=$out/chromium-pdf/$name.pdf" \
    "file://$html" >/dev/null 2>&1
done

missing=0
for txt in "$@"; do
  name=$(basename "$txt" .txt)
  for f in "soffice-pdf/$name.pdf" "chromium-pdf/$name.pdf" "soffice-doc/$name.doc"; do
    [ -s "$out/$f" ] || { echo "$0: $out/$f was not made" >&2; missing=1; }
  done
done
exit $missing
