// zlib, for its crc32: checking a workbook part's checksum as it is unpacked.
#include <zlib.h>
