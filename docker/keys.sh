#!/usr/bin/env bash
# Keys and tokens for the compose stack (docker/compose.yaml), made with openssl alone.
#
#   docker/keys.sh generate [DIR]            new keys in DIR (default: docker/keys, or $MOORING_KEYS_DIR)
#   docker/keys.sh token ROLE [PROJECT...]   prints a 12-hour user token signed with the user key there
#
# `generate` writes the same files as test-support's KeyMaterial (tests and the local stack), plus the
# user key that stands in for the identity provider, so that `token` can mint user tokens later:
#
#   issuer/                    the stand-in identity provider's OpenID Connect discovery document
#                              (.well-known/openid-configuration, issuer $MOORING_USER_ISSUER, default
#                              http://issuer) and key set (jwks.json, kid mooring-users-1), which compose's
#                              `issuer` container serves; the services find the user key through it
#   jwks.json                  public keys of both signers (kid mooring-users-1 and mooring-agents-1), for tools
#   agent-signing-key.pem      the registry's PKCS#8 private key for agent tokens
#                              (MOORING_AGENT_TOKENS_SIGNING_KEY_LOCATION, registry only)
#   agent-signing-key.pub.pem  its public key
#   user-signing-key.pem       the stand-in identity provider's PKCS#8 private key; mounted nowhere
#
# ROLE is mooring-viewer, mooring-operator or mooring-admin; PROJECTs go into the `projects` claim.
# The files are development keys: they are made readable by everyone because the containers run as
# uid 185/1001, not as you. Do not use them for anything but a local stack.
set -euo pipefail

USER_ISSUER="${MOORING_USER_ISSUER:-http://issuer}"
USER_KEY_ID="mooring-users-1"
AGENT_KEY_ID="mooring-agents-1"

here="$(cd "$(dirname "$0")" && pwd)"
keys_dir="${MOORING_KEYS_DIR:-$here/keys}"

die() {
  echo "keys.sh: $*" >&2
  exit 1
}

command -v openssl >/dev/null || die "openssl is required"

# base64url without padding, of stdin
b64url() {
  openssl base64 -A | tr '+/' '-_' | tr -d '='
}

# base64url of the big-endian bytes of a hexadecimal number
hex_b64url() {
  local hex="$1"
  if (( ${#hex} % 2 )); then
    hex="0$hex"
  fi
  # shellcheck disable=SC2059 # the format is the point: \xHH escapes built from the hex digits
  printf "$(printf '%s' "$hex" | sed 's/../\\x&/g')" | b64url
}

# One JWK (RS256 signing key) for the public half of a PEM private key.
jwk() {
  local kid="$1" key="$2" modulus exponent
  modulus="$(openssl rsa -in "$key" -noout -modulus | sed 's/^Modulus=//')"
  exponent="$(openssl rsa -in "$key" -noout -text | sed -n 's/^publicExponent: [0-9]* (0x\([0-9a-fA-F]*\))$/\1/p')"
  if [ -z "$modulus" ] || [ -z "$exponent" ]; then
    die "cannot read the public key of $key"
  fi
  printf '{"kty":"RSA","use":"sig","alg":"RS256","kid":"%s","n":"%s","e":"%s"}' \
    "$kid" "$(hex_b64url "$modulus")" "$(hex_b64url "$exponent")"
}

generate() {
  local dir="${1:-$keys_dir}"
  umask 022
  mkdir -p "$dir"
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/user-signing-key.pem" 2>/dev/null
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/agent-signing-key.pem" 2>/dev/null
  openssl pkey -in "$dir/agent-signing-key.pem" -pubout -out "$dir/agent-signing-key.pub.pem"
  printf '{"keys":[%s,%s]}\n' \
    "$(jwk "$USER_KEY_ID" "$dir/user-signing-key.pem")" \
    "$(jwk "$AGENT_KEY_ID" "$dir/agent-signing-key.pem")" >"$dir/jwks.json"
  mkdir -p "$dir/issuer/.well-known"
  printf '{"keys":[%s]}\n' "$(jwk "$USER_KEY_ID" "$dir/user-signing-key.pem")" >"$dir/issuer/jwks.json"
  printf '{"issuer":"%s","jwks_uri":"%s/jwks.json","response_types_supported":["code"],"subject_types_supported":["public"],"id_token_signing_alg_values_supported":["RS256"]}\n' \
    "$USER_ISSUER" "$USER_ISSUER" >"$dir/issuer/.well-known/openid-configuration"
  chmod 0755 "$dir/issuer" "$dir/issuer/.well-known"
  chmod 0644 "$dir/issuer/jwks.json" "$dir/issuer/.well-known/openid-configuration"
  # Readable by the containers' user (see the header).
  chmod 0644 "$dir/jwks.json" "$dir/agent-signing-key.pem" "$dir/agent-signing-key.pub.pem" "$dir/user-signing-key.pem"
  echo "Wrote issuer/, jwks.json, agent-signing-key.pem, agent-signing-key.pub.pem and user-signing-key.pem to $dir" >&2
}

token() {
  local role="${1:-}"
  shift || true
  case "$role" in
    mooring-viewer | mooring-operator | mooring-admin) ;;
    *) die "usage: keys.sh token mooring-viewer|mooring-operator|mooring-admin [PROJECT...]" ;;
  esac
  local key="$keys_dir/user-signing-key.pem"
  [ -f "$key" ] || die "$key is missing: run 'docker/keys.sh generate' first"

  local projects="" project
  for project in "$@"; do
    [[ "$project" =~ ^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$ ]] || die "project '$project' is not a DNS-1123 label"
    projects="${projects:+$projects,}\"$project\""
  done
  local subject="${MOORING_TOKEN_SUBJECT:-${role#mooring-}}"
  [[ "$subject" =~ ^[A-Za-z0-9._@-]+$ ]] || die "MOORING_TOKEN_SUBJECT may hold letters, digits and ._@- only"

  local now jti header payload signing_input signature
  now="$(date +%s)"
  jti="$(openssl rand -hex 16)"
  header="$(printf '{"alg":"RS256","typ":"JWT","kid":"%s"}' "$USER_KEY_ID" | b64url)"
  # aud: the services refuse a token not issued for them (mooring.security.audience, default mooring).
  payload="$(printf '{"iss":"%s","aud":"%s","sub":"%s","upn":"%s","groups":["%s"],"projects":[%s],"iat":%d,"exp":%d,"jti":"%s"}' \
    "$USER_ISSUER" "${MOORING_AUDIENCE:-mooring}" "$subject" "$subject" "$role" "$projects" "$now" "$((now + 12 * 3600))" "$jti" | b64url)"
  signing_input="$header.$payload"
  signature="$(printf '%s' "$signing_input" | openssl dgst -sha256 -sign "$key" -binary | b64url)"
  printf '%s.%s\n' "$signing_input" "$signature"
}

case "${1:-}" in
  generate) shift; generate "$@" ;;
  token) shift; token "$@" ;;
  *)
    sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
