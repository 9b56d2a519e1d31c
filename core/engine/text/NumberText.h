// Numbers as text exactly as printf prints them in the "C" locale, whatever the process locale.
// chrony's logs, the drift file and chronyc's reports are read by programs that expect a decimal
// point; QCoreApplication sets the locale from the environment (setlocale(LC_ALL, "")), so
// printf("%f") would print a decimal comma under LANG=de_DE.UTF-8.
#pragma once

#include <string>

namespace s1 {

std::string fixedText(double value, int decimals);    // printf("%.*f"), "?" if it cannot
std::string scientificText(double value, int digits); // printf("%.*e"), "?" if it cannot

} // namespace s1
