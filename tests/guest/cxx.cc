// C++: exceptions across frames, iostreams, strings, containers, algorithms, virtual calls.
#include <algorithm>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

struct Shape {
	virtual ~Shape() = default;
	virtual double area() const = 0;
	virtual std::string name() const = 0;
};
struct Square : Shape {
	double s;
	explicit Square(double v) : s(v) {}
	double area() const override { return s * s; }
	std::string name() const override { return "square"; }
};
struct Circle : Shape {
	double r;
	explicit Circle(double v) : r(v) {}
	double area() const override { return 3.14159265358979 * r * r; }
	std::string name() const override { return "circle"; }
};

static int depth(int n)
{
	if (n == 0)
		throw std::runtime_error("bottom reached");
	return depth(n - 1) + 1;
}

int main()
{
	std::vector<std::unique_ptr<Shape>> shapes;
	for (int i = 1; i <= 5; i++) {
		shapes.push_back(std::make_unique<Square>(i));
		shapes.push_back(std::make_unique<Circle>(i * 0.5));
	}
	std::sort(shapes.begin(), shapes.end(), [](const auto &a, const auto &b) { return a->area() < b->area(); });
	for (const auto &s : shapes)
		std::cout << s->name() << " " << s->area() << "\n";
	try {
		depth(50);
	} catch (const std::exception &e) {
		std::cout << "caught: " << e.what() << "\n";
	}
	std::map<std::string, int> words;
	std::istringstream in("the quick brown fox jumps over the lazy dog the end");
	std::string w;
	while (in >> w)
		words[w]++;
	for (const auto &kv : words)
		std::cout << kv.first << "=" << kv.second << " ";
	std::cout << std::endl;
	try {
		std::vector<int> v(3);
		(void)v.at(10);
	} catch (const std::out_of_range &) {
		std::cout << "out_of_range caught" << std::endl;
	}
	std::cout.precision(17);
	std::cout << 1.0 / 3.0 << " " << 2.0e-310 << std::endl;
	return 0;
}
