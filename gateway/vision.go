package gateway

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Vision jobs. A chat message whose content parts include an image
// (OpenAI's {"type":"image_url","image_url":{"url":"data:…"}}) becomes a
// job of capability vision, routed only to miners that offer vision for
// the model. The job's input, the bytes whose proof.HashInput is the
// ticket's and the proof's input hash, is the canonical encoding below of
// the whole conversation, images included, so the proof binds the exact
// image bytes the client sent; the miner decodes it and hands the parts to
// its back-end.
//
// Canonical vision input, version 1 (big-endian, no padding):
//
//	magic    "pars.vision.v1\n"            15 bytes
//	messages u16                           1..MaxVisionMessages
//	message  role_len u8, role             1..32 bytes of ASCII a-z, '_'
//	         parts u16                     1..MaxVisionParts
//	part     kind u8                       1 text, 2 image
//	  text   len u32, bytes                valid UTF-8 (may be empty)
//	  image  type_len u8, media type       one of VisionMediaTypes
//	         len u32, bytes                1..MaxImageBytes, the image file
//
// At most MaxImagesPerRequest images in all. The encoding is exact: every
// length is fixed by the content, nothing is optional, and DecodeVisionInput
// refuses anything else (trailing bytes, unknown kinds or media types, bad
// UTF-8, counts out of range), so each conversation has exactly one
// encoding and its hash is well defined. The image bytes are the data
// URL's base64 payload decoded (standard alphabet, padded; line breaks are
// ignored);
// the gateway does not re-encode or inspect the image.
//
// The metric counts the encoding's bytes as the input (ceil(bytes /
// bytes_per_token) of the model's registry entry), so an image costs its
// file size in tokens and must fit the model's maxInputTokens.

// Limits of a vision request.
const (
	// MaxImageBytes bounds one image (decoded); a larger one is answered
	// 413 image_too_large.
	MaxImageBytes = 4 << 20
	// MaxImagesPerRequest bounds the images of one request.
	MaxImagesPerRequest = 4
	// MaxVisionMessages and MaxVisionParts bound the canonical encoding.
	MaxVisionMessages = 256
	MaxVisionParts    = 64
	// maxRoleBytes bounds a role name.
	maxRoleBytes = 32
)

// VisionMediaTypes are the image types a vision job may carry.
var VisionMediaTypes = []string{"image/png", "image/jpeg", "image/gif", "image/webp"}

// visionMagic starts every canonical vision input.
const visionMagic = "pars.vision.v1\n"

// Kinds of a content part in the canonical encoding.
const (
	partText  = 1
	partImage = 2
)

// ContentPart is one part of a message: text, or an image.
type ContentPart struct {
	Text      string // when MediaType is ""
	MediaType string // an image's type, one of VisionMediaTypes
	Image     []byte // the image file's bytes
}

// IsImage reports whether the part is an image.
func (p ContentPart) IsImage() bool { return p.MediaType != "" }

// DataURL returns an image part as a base64 data URL, as OpenAI-compatible
// multimodal servers take it.
func (p ContentPart) DataURL() string {
	return "data:" + p.MediaType + ";base64," + base64.StdEncoding.EncodeToString(p.Image)
}

// VisionMessage is one message of a vision conversation.
type VisionMessage struct {
	Role  string
	Parts []ContentPart
}

// IsVisionInput reports whether input starts as a canonical vision input.
func IsVisionInput(input []byte) bool { return bytes.HasPrefix(input, []byte(visionMagic)) }

func validRole(r string) bool {
	if r == "" || len(r) > maxRoleBytes {
		return false
	}
	for i := 0; i < len(r); i++ {
		if c := r[i]; (c < 'a' || c > 'z') && c != '_' {
			return false
		}
	}
	return true
}

func knownMediaType(t string) bool {
	for _, m := range VisionMediaTypes {
		if t == m {
			return true
		}
	}
	return false
}

// EncodeVisionInput returns the canonical encoding of a conversation, or
// an error if it breaks a limit.
func EncodeVisionInput(msgs []VisionMessage) ([]byte, error) {
	if len(msgs) == 0 || len(msgs) > MaxVisionMessages {
		return nil, fmt.Errorf("vision input: %d messages, want 1..%d", len(msgs), MaxVisionMessages)
	}
	images := 0
	b := []byte(visionMagic)
	b = binary.BigEndian.AppendUint16(b, uint16(len(msgs)))
	for _, m := range msgs {
		if !validRole(m.Role) {
			return nil, fmt.Errorf("vision input: role %q is not 1..%d bytes of a-z and _", m.Role, maxRoleBytes)
		}
		if len(m.Parts) == 0 || len(m.Parts) > MaxVisionParts {
			return nil, fmt.Errorf("vision input: a message has %d parts, want 1..%d", len(m.Parts), MaxVisionParts)
		}
		b = append(b, byte(len(m.Role)))
		b = append(b, m.Role...)
		b = binary.BigEndian.AppendUint16(b, uint16(len(m.Parts)))
		for _, p := range m.Parts {
			if !p.IsImage() {
				if !utf8.ValidString(p.Text) || int64(len(p.Text)) > MaxFrameSize {
					return nil, errors.New("vision input: a text part is not valid UTF-8 or too long")
				}
				b = append(b, partText)
				b = binary.BigEndian.AppendUint32(b, uint32(len(p.Text)))
				b = append(b, p.Text...)
				continue
			}
			images++
			switch {
			case !knownMediaType(p.MediaType):
				return nil, fmt.Errorf("vision input: media type %q is not one of %s", p.MediaType, strings.Join(VisionMediaTypes, ", "))
			case len(p.Image) == 0 || len(p.Image) > MaxImageBytes:
				return nil, fmt.Errorf("vision input: an image has %d bytes, want 1..%d", len(p.Image), MaxImageBytes)
			case images > MaxImagesPerRequest:
				return nil, fmt.Errorf("vision input: more than %d images", MaxImagesPerRequest)
			}
			b = append(b, partImage, byte(len(p.MediaType)))
			b = append(b, p.MediaType...)
			b = binary.BigEndian.AppendUint32(b, uint32(len(p.Image)))
			b = append(b, p.Image...)
		}
	}
	if images == 0 {
		return nil, errors.New("vision input: no image")
	}
	return b, nil
}

// DecodeVisionInput parses a canonical vision input strictly: it accepts
// exactly what EncodeVisionInput produces. The image and text bytes alias b.
func DecodeVisionInput(b []byte) ([]VisionMessage, error) {
	if !IsVisionInput(b) {
		return nil, errors.New("vision input: bad magic")
	}
	r := visionReader{b: b[len(visionMagic):]}
	n := int(r.u16())
	if r.err == nil && (n == 0 || n > MaxVisionMessages) {
		return nil, fmt.Errorf("vision input: %d messages, want 1..%d", n, MaxVisionMessages)
	}
	var msgs []VisionMessage
	images := 0
	for i := 0; i < n && r.err == nil; i++ {
		role := string(r.bytes(int(r.u8())))
		if r.err == nil && !validRole(role) {
			return nil, fmt.Errorf("vision input: message %d: bad role %q", i, role)
		}
		np := int(r.u16())
		if r.err == nil && (np == 0 || np > MaxVisionParts) {
			return nil, fmt.Errorf("vision input: message %d has %d parts, want 1..%d", i, np, MaxVisionParts)
		}
		m := VisionMessage{Role: role}
		for k := 0; k < np && r.err == nil; k++ {
			switch kind := r.u8(); {
			case r.err != nil:
			case kind == partText:
				t := r.bytes(int(r.u32()))
				if r.err == nil && !utf8.Valid(t) {
					return nil, fmt.Errorf("vision input: message %d part %d: text is not valid UTF-8", i, k)
				}
				m.Parts = append(m.Parts, ContentPart{Text: string(t)})
			case kind == partImage:
				mt := string(r.bytes(int(r.u8())))
				img := r.bytes(int(r.u32()))
				if r.err != nil {
					break
				}
				images++
				switch {
				case !knownMediaType(mt):
					return nil, fmt.Errorf("vision input: message %d part %d: media type %q is not allowed", i, k, mt)
				case len(img) == 0 || len(img) > MaxImageBytes:
					return nil, fmt.Errorf("vision input: message %d part %d: image of %d bytes, want 1..%d", i, k, len(img), MaxImageBytes)
				case images > MaxImagesPerRequest:
					return nil, fmt.Errorf("vision input: more than %d images", MaxImagesPerRequest)
				}
				m.Parts = append(m.Parts, ContentPart{MediaType: mt, Image: img})
			default:
				return nil, fmt.Errorf("vision input: message %d part %d: unknown kind %d", i, k, kind)
			}
		}
		msgs = append(msgs, m)
	}
	if r.err != nil {
		return nil, r.err
	}
	if len(r.b) != 0 {
		return nil, fmt.Errorf("vision input: %d trailing bytes", len(r.b))
	}
	if images == 0 {
		return nil, errors.New("vision input: no image")
	}
	return msgs, nil
}

// visionReader reads big-endian fields; the first short read sets err.
type visionReader struct {
	b   []byte
	err error
}

func (r *visionReader) bytes(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n < 0 || n > len(r.b) {
		r.err = errors.New("vision input: truncated")
		return nil
	}
	v := r.b[:n:n]
	r.b = r.b[n:]
	return v
}

func (r *visionReader) u8() uint8 {
	if v := r.bytes(1); v != nil {
		return v[0]
	}
	return 0
}

func (r *visionReader) u16() uint16 {
	if v := r.bytes(2); v != nil {
		return binary.BigEndian.Uint16(v)
	}
	return 0
}

func (r *visionReader) u32() uint32 {
	if v := r.bytes(4); v != nil {
		return binary.BigEndian.Uint32(v)
	}
	return 0
}

// dataURLError is a bad image_url; param names where it is in the request.
func dataURLError(param, format string, args ...any) error {
	return badParam(param, format, args...)
}

// ParseImageDataURL decodes a data URL ("data:image/png;base64,…") into
// its media type and bytes. Remote URLs (http, https, anything but data:)
// are refused: the gateway never fetches, since a miner must prove exactly
// the bytes the client sent. param names the field in errors.
func ParseImageDataURL(url, param string) (string, []byte, error) {
	rest, ok := strings.CutPrefix(url, "data:")
	if !ok {
		scheme, _, found := strings.Cut(url, ":")
		if !found || len(scheme) > 16 {
			scheme = "(none)"
		}
		return "", nil, dataURLError(param, "image_url must be a base64 data URL (data:image/png;base64,…); remote URLs (scheme %q) are not fetched by this gateway", scheme)
	}
	meta, payload, ok := strings.Cut(rest, ",")
	mt, enc, _ := strings.Cut(meta, ";")
	mt = strings.ToLower(mt)
	if !ok || !strings.EqualFold(enc, "base64") {
		return "", nil, dataURLError(param, "image_url must be a base64 data URL: data:<media type>;base64,<data>")
	}
	if !knownMediaType(mt) {
		return "", nil, dataURLError(param, "image media type %q is not supported; use one of %s", mt, strings.Join(VisionMediaTypes, ", "))
	}
	if base64.StdEncoding.DecodedLen(len(payload)) > MaxImageBytes+3 {
		return "", nil, &imageTooLarge{param: param, size: base64.StdEncoding.DecodedLen(len(payload))}
	}
	img, err := base64.StdEncoding.DecodeString(payload)
	if err != nil {
		return "", nil, dataURLError(param, "image_url's base64 data does not decode: %v", err)
	}
	if len(img) > MaxImageBytes {
		return "", nil, &imageTooLarge{param: param, size: len(img)}
	}
	if len(img) == 0 {
		return "", nil, dataURLError(param, "image_url holds no data")
	}
	return mt, img, nil
}

// imageTooLarge is an image over MaxImageBytes: 413.
type imageTooLarge struct {
	param string
	size  int
}

func (e *imageTooLarge) Error() string {
	return fmt.Sprintf("the image is %d bytes; at most %d bytes (%d MiB) per image", e.size, MaxImageBytes, MaxImageBytes>>20)
}
