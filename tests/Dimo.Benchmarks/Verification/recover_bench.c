/*
 * libsecp256k1 public key recovery called from C: the baseline for RecoveryBenchmarks (P/Invoke).
 * Per recovery it does what LibSecp256k1Recovery does natively: parse the compact signature,
 * recover, serialize the public key uncompressed. See README.md for the build command.
 */
#include <secp256k1.h>
#include <secp256k1_recovery.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define VECTORS 64

static double seconds(clockid_t clock) {
    struct timespec t;
    clock_gettime(clock, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    long iterations = argc > 1 ? atol(argv[1]) : 200000;
    secp256k1_context *ctx = secp256k1_context_create(SECP256K1_CONTEXT_SIGN | SECP256K1_CONTEXT_VERIFY);
    unsigned char hashes[VECTORS][32], compact[VECTORS][64];
    int recids[VECTORS];

    srand(42);
    for (int i = 0; i < VECTORS; i++) {
        unsigned char key[32];
        secp256k1_ecdsa_recoverable_signature sig;
        do {
            for (int j = 0; j < 32; j++) key[j] = (unsigned char)rand();
        } while (!secp256k1_ec_seckey_verify(ctx, key));
        for (int j = 0; j < 32; j++) hashes[i][j] = (unsigned char)rand();
        if (!secp256k1_ecdsa_sign_recoverable(ctx, &sig, hashes[i], key, NULL, NULL)) return 1;
        secp256k1_ecdsa_recoverable_signature_serialize_compact(ctx, compact[i], &recids[i], &sig);
    }

    long ok = 0;
    double wall = seconds(CLOCK_MONOTONIC), cpu = seconds(CLOCK_PROCESS_CPUTIME_ID);
    for (long n = 0; n < iterations; n++) {
        int i = (int)(n % VECTORS);
        secp256k1_ecdsa_recoverable_signature sig;
        secp256k1_pubkey pubkey;
        unsigned char out[65];
        size_t outlen = sizeof out;
        ok += secp256k1_ecdsa_recoverable_signature_parse_compact(ctx, &sig, compact[i], recids[i])
              && secp256k1_ecdsa_recover(ctx, &pubkey, &sig, hashes[i])
              && secp256k1_ec_pubkey_serialize(ctx, out, &outlen, &pubkey, SECP256K1_EC_UNCOMPRESSED);
    }
    wall = seconds(CLOCK_MONOTONIC) - wall;
    cpu = seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu;

    printf("%ld recoveries (%ld ok): %.0f/s wall, %.0f/s CPU, %.2f us each (CPU)\n",
           iterations, ok, iterations / wall, iterations / cpu, cpu * 1e6 / iterations);
    secp256k1_context_destroy(ctx);
    return ok == iterations ? 0 : 1;
}
