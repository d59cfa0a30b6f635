#!/usr/bin/env bash
# Rebuilds the bundled fonts in templates/fonts from Debian's fonts-noto-cjk (SIL OFL 1.1).
# Only the Simplified Chinese face of each collection is kept, with the Unicode blocks a Chinese
# government document needs (Latin, punctuation, CJK incl. Extension A-H for rare name characters);
# OpenType layout features are dropped because pdfmake sets CJK horizontally without them.
# Needs: apt-get install fonts-noto-cjk fonttools
set -euo pipefail
out="$(cd "$(dirname "$0")/.." && pwd)/templates/fonts"
src=/usr/share/fonts/opentype/noto
U="U+0020-007E,U+00A0-00FF,U+00B7,U+02C7,U+02C9,U+0391-03C9,U+0401-0451,U+2010-2027,U+2030-205E,U+2103,U+2116,U+2160-216B,U+2190-2193,U+2460-2473,U+2474-249B,U+2500-257F,U+25A0-25FF,U+2605-2606,U+3000-303F,U+3200-32FF,U+3400-4DBF,U+4E00-9FFF,U+F900-FAFF,U+FE30-FE4F,U+FF00-FFEF,U+20000-2A6DF,U+2A700-2EBEF,U+30000-3134F"
subset() { # collection, face index, output
  pyftsubset "$src/$1" --font-number="$2" --unicodes="$U" --layout-features='' --no-hinting \
    --name-IDs='*' --output-file="$out/$3"
}
subset NotoSerifCJK-Regular.ttc 2 NotoSerifSC-Regular.otf   # body text (宋体-style stand-in for 仿宋)
subset NotoSerifCJK-Bold.ttc 2 NotoSerifSC-Bold.otf         # titles (stand-in for 小标宋)
subset NotoSansCJK-Bold.ttc 2 NotoSansSC-Bold.otf           # labels 出席/请假/列席 (stand-in for 黑体)
cp /usr/share/doc/fonts-noto-cjk/copyright "$out/COPYRIGHT-noto-cjk.txt"
