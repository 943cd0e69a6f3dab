// libexpat's parser API, for reading the XML inside .xlsx and .ods workbooks.
#include <expat.h>
