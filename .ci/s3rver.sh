# Sourced by .ci/run: starts s3rver (npm), an S3-compatible server, on 127.0.0.1:14568 for the S3 remote tests of
# mlops data, with a bucket "mlops-test"; exports MLOPS_TEST_S3 for them, puts s3rver on PATH for mlops demo, and
# registers its stop in CI_CLEANUP.
s3_dir="$(mktemp -d /tmp/mlops-ci-s3.XXXXXX)"
npm install --prefix "$s3_dir/tool" --no-audit --no-fund --loglevel=error s3rver@3.7.1 >/dev/null
# s3rver 3.7.1 signs its listing page tokens with DES, which Node 20's OpenSSL 3 refuses without the legacy provider:
# without it any listing past 1,000 keys fails with "internal error".
NODE_OPTIONS=--openssl-legacy-provider "$s3_dir/tool/node_modules/.bin/s3rver" -d "$s3_dir/data" -a 127.0.0.1 -p 14568 --silent --configure-bucket mlops-test >"$s3_dir/server.log" 2>&1 &
s3_pid=$!
for _ in $(seq 1 50); do
  (exec 3<>/dev/tcp/127.0.0.1/14568) 2>/dev/null && break
  sleep 0.2
done
export MLOPS_TEST_S3="http://127.0.0.1:14568"
# On PATH too: mlops demo uses an installed s3rver as its S3 remote (DemoCommandTests runs it with every server).
export PATH="$s3_dir/tool/node_modules/.bin:$PATH"
CI_CLEANUP+=("kill $s3_pid 2>/dev/null; rm -rf '$s3_dir'")
