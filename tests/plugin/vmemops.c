/* Vector loads and stores with known elements, for the mem plugin's trace (VLEN 128): unit
 * stride, a store, strided, a mask load and a load under it, indexed, a segment load, a whole
 * register. Each element accessed is one access, in element order (fields within an element). */
#include <stdint.h>
#include <stdio.h>

uint32_t src[4] = {1, 2, 3, 4}, dst[4];
uint64_t wide[4] = {0x1111, 0x2222, 0x3333, 0x4444};
uint8_t mask = 0x05, idx[2] = {3, 1}, bytes[4] = {0xa0, 0xa1, 0xa2, 0xa3};
uint16_t pairs[4] = {0x10, 0x11, 0x20, 0x21};
uint32_t whole[4] = {5, 6, 7, 8};

__attribute__((noinline)) void vmemops(void)
{
	__asm__ volatile("vsetivli zero, 4, e32, m1, ta, ma\n"
			 "vle32.v v1, (%0)\n" /* 4 loads: 1 2 3 4 */
			 "vse32.v v1, (%1)\n" /* 4 stores: 1 2 3 4 */
			 "vsetivli zero, 2, e64, m1, ta, ma\n"
			 "li t0, 16\n"
			 "vlse64.v v2, (%2), t0\n" /* 2 loads: 0x1111 0x3333 */
			 "vsetivli zero, 4, e32, m1, ta, mu\n"
			 "vlm.v v0, (%3)\n"         /* 1 load of 1 byte: 5 */
			 "vle32.v v3, (%0), v0.t\n" /* elements 0 and 2: 1 3 */
			 "vsetivli zero, 2, e8, m1, ta, ma\n"
			 "vle8.v v5, (%4)\n"        /* the indexes: 3 1 */
			 "vluxei8.v v4, (%5), v5\n" /* bytes[3] bytes[1]: 0xa3 0xa1 */
			 "vsetivli zero, 2, e16, m1, ta, ma\n"
			 "vlseg2e16.v v6, (%6)\n" /* 0x10 0x11 0x20 0x21 */
			 "vl1re32.v v8, (%7)\n"   /* a whole register: 5 6 7 8 */
			 :
			 : "r"(src), "r"(dst), "r"(wide), "r"(&mask), "r"(idx), "r"(bytes), "r"(pairs), "r"(whole)
			 : "t0", "memory");
}

int main(void)
{
	vmemops();
	printf("%u %u %u %u\n", dst[0], dst[1], dst[2], dst[3]);
	return 0;
}
