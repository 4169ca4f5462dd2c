using System.Globalization;

namespace Dimo.Core.Tests.Obd.Pids;

/// <summary>Evaluates the CSV's formula notation (numbers, A-D, + - * / ^, parentheses) for the table test.</summary>
public sealed class FormulaEvaluator(string text, double a, double b, double c, double d)
{
    private int _position;

    public double Evaluate()
    {
        double value = Sum();
        SkipSpaces();
        if (_position != text.Length)
            throw new FormatException($"unexpected '{text[_position..]}' in formula '{text}'");
        return value;
    }

    private double Sum()
    {
        double value = Product();
        while (Peek() is '+' or '-')
            value = text[_position++] == '+' ? value + Product() : value - Product();
        return value;
    }

    private double Product()
    {
        double value = Power();
        while (Peek() is '*' or '/')
            value = text[_position++] == '*' ? value * Power() : value / Power();
        return value;
    }

    private double Power()
    {
        double value = Unary();
        if (Peek() == '^')
        {
            _position++;
            value = Math.Pow(value, Power());
        }
        return value;
    }

    private double Unary()
    {
        if (Peek() == '-')
        {
            _position++;
            return -Unary();
        }
        return Atom();
    }

    private double Atom()
    {
        char next = Peek();
        if (next == '(')
        {
            _position++;
            double value = Sum();
            if (Peek() != ')')
                throw new FormatException($"missing ')' in formula '{text}'");
            _position++;
            return value;
        }
        if (next is 'A' or 'B' or 'C' or 'D')
        {
            _position++;
            return next switch { 'A' => a, 'B' => b, 'C' => c, _ => d };
        }
        int start = _position;
        while (_position < text.Length && (char.IsDigit(text[_position]) || text[_position] == '.'))
            _position++;
        if (start == _position)
            throw new FormatException($"unexpected '{text[start..]}' in formula '{text}'");
        return double.Parse(text[start.._position], CultureInfo.InvariantCulture);
    }

    private char Peek()
    {
        SkipSpaces();
        return _position < text.Length ? text[_position] : '\0';
    }

    private void SkipSpaces()
    {
        while (_position < text.Length && text[_position] == ' ')
            _position++;
    }
}
