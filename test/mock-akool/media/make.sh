#!/bin/sh
# Regenerates the real media the Akool mock serves for result files (see ../README.md, "Files").
#
# A dev-only tool, never run by the tests or CI: the outputs are committed next to this script.
# Needs ffmpeg with libx264, libmp3lame and drawtext (Debian: `apt-get install -y ffmpeg`) and the
# DejaVu fonts (Debian `fonts-dejavu-core`, pulled in by ffmpeg). Run it from anywhere:
#
#   sh test/mock-akool/media/make.sh
#
# Outputs (a few KB each; keep the total well under 60 KB):
#   sample.mp4  H.264 Constrained Baseline 160x90 15 fps + AAC-LC mono, 1.5 s, `moov` before `mdat`
#               (faststart), so a browser can play it while it downloads
#   sample.mp3  MPEG-2 Layer III 22.05 kHz 32 kbit/s mono, ~1 s, 440 Hz tone (no ID3 tag: starts
#               with a frame sync)
#   sample.wav  PCM s16le 8 kHz mono, 0.5 s, 440 Hz tone (the VoiceLab `wav` results)
#   sample.png  160x90 colour pattern with "Akool sandbox" (palette PNG)
#   sample.jpg  160x90 colour pattern with "Akool sandbox" (baseline JPEG)
# Written with -fflags +bitexact and no metadata: the same ffmpeg gives the same bytes (Debian 12's
# 5.1 made the committed ones); another version may differ; the tests check the formats, not hashes.
set -eu

cd "$(dirname "$0")"
FONT=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
[ -f "$FONT" ] || { echo "missing $FONT (apt-get install -y fonts-dejavu-core)" >&2; exit 1; }

# 160x90 colour bars, a moving box (so the video visibly plays) and the label.
SIZE=160x90
LABEL="drawtext=fontfile=$FONT:text='Akool sandbox':fontsize=16:fontcolor=white:borderw=2:bordercolor=black:x=(w-text_w)/2:y=(h-text_h)/2"
BOX="drawbox=x='mod(t*80,160)':y=70:w=16:h=16:color=white:t=fill"
FF="ffmpeg -hide_banner -loglevel error -y"
BITEXACT="-map_metadata -1 -fflags +bitexact -flags:v +bitexact -flags:a +bitexact"

$FF -f lavfi -i "smptebars=size=$SIZE:rate=15:duration=1.5" \
	-f lavfi -i "sine=frequency=440:sample_rate=22050:duration=1.5" \
	-vf "$BOX,$LABEL,format=yuv420p" \
	-c:v libx264 -profile:v baseline -level 3.0 -preset veryslow -crf 30 -g 30 -x264-params "ref=1" \
	-c:a aac -b:a 24k -ac 1 \
	-shortest -movflags +faststart $BITEXACT sample.mp4

$FF -f lavfi -i "sine=frequency=440:sample_rate=22050:duration=1" \
	-c:a libmp3lame -b:a 32k -ac 1 -write_xing 0 -id3v2_version 0 $BITEXACT sample.mp3

$FF -f lavfi -i "sine=frequency=440:sample_rate=8000:duration=0.5" \
	-c:a pcm_s16le -ac 1 $BITEXACT sample.wav

$FF -f lavfi -i "smptebars=size=$SIZE:rate=1:duration=1" -frames:v 1 \
	-vf "$LABEL,split[a][b];[a]palettegen=max_colors=32[p];[b][p]paletteuse=dither=none" \
	$BITEXACT sample.png

$FF -f lavfi -i "smptebars=size=$SIZE:rate=1:duration=1" -frames:v 1 \
	-vf "$LABEL,format=yuvj420p" -q:v 5 $BITEXACT sample.jpg

ls -l sample.mp4 sample.mp3 sample.wav sample.png sample.jpg
