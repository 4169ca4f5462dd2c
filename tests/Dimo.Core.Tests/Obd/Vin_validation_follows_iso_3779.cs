using Dimo.Core.Obd;

namespace Dimo.Core.Tests.Obd;

public class Vin_validation_follows_iso_3779
{
    [Theory]
    [InlineData("1HGCM82633A004352")]
    [InlineData("1M8GDM9AXKP042788")]
    [InlineData("11111111111111111")]
    public void North_american_vins_with_a_matching_check_digit_are_valid(string vin)
    {
        Assert.Equal(VinValidity.Valid, Vin.Validate(vin));
    }

    [Fact]
    public void A_north_american_vin_with_another_check_digit_is_rejected()
    {
        Assert.Equal(VinValidity.CheckDigitMismatch, Vin.Validate("1HGCM82643A004352"));
    }

    [Fact]
    public void The_check_digit_x_stands_for_ten()
    {
        Assert.Equal('X', Vin.CheckDigit("1M8GDM9AXKP042788"));
    }

    [Theory]
    [InlineData("WVWZZZ1JZXW000001")]
    [InlineData("JH4KA7650MC000000")]
    public void Vins_from_outside_north_america_are_accepted_without_check_digit(string vin)
    {
        Assert.Equal(VinValidity.ValidWithoutCheckDigit, Vin.Validate(vin));
        Assert.True(Vin.IsAcceptable(Vin.Validate(vin)));
    }

    [Theory]
    [InlineData("1HGCM82633A00435")]
    [InlineData("1HGCM82633A0043521")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_but_17_characters_has_the_wrong_length(string? vin)
    {
        Assert.Equal(VinValidity.WrongLength, Vin.Validate(vin!));
    }

    [Theory]
    [InlineData("1HGCM8263IA004352")]
    [InlineData("1HGCM8263OA004352")]
    [InlineData("1HGCM8263QA004352")]
    [InlineData("1hgcm82633a004352")]
    [InlineData("1HGCM82633A00435-")]
    public void I_o_q_lower_case_and_symbols_are_illegal(string vin)
    {
        Assert.Equal(VinValidity.IllegalCharacter, Vin.Validate(vin));
    }
}
